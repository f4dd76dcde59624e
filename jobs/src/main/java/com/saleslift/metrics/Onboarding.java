package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Time from paying to activating: for accounts that paid, days from the first paid date to the
 * activation time of their first paid product (never below 0).
 */
public final class Onboarding {
  public static final MetricTable TABLE = MetricTable.of("onboarding", 2,
      text("segment"), text("channel"),
      integer("accounts"), decimal("median_days_to_activate_after_paid"), decimal("p75_days"));

  private Onboarding() {}

  /** The product of each account's earliest paid period; on a tie, the smallest product id. */
  static Dataset<Row> firstPaidProduct(Dataset<Row> subscriptions) {
    return subscriptions.filter(col(Columns.MRR_BASE).gt(0))
        .withColumn("_n", row_number().over(Window.partitionBy(ACCOUNT_ID).orderBy("start_date", "product_id")))
        .filter(col("_n").equalTo(1))
        .select(col(ACCOUNT_ID), col("product_id"), col("start_date").as(Columns.FIRST_PAID_DATE));
  }

  public static Dataset<Row> compute(Dataset<Row> subscriptions, Dataset<Row> activationPairs, Dataset<Row> accounts) {
    Dataset<Row> days = firstPaidProduct(subscriptions)
        .join(activationPairs.filter(col(Activation.ACTIVATED_AT).isNotNull()), new String[] {ACCOUNT_ID, "product_id"})
        .withColumn("_days", greatest(lit(0.0),
            Calendar.days(Calendar.midnight(col(Columns.FIRST_PAID_DATE)), col(Activation.ACTIVATED_AT))));
    return days.join(accounts.select(ACCOUNT_ID, "segment", Columns.CHANNEL), ACCOUNT_ID)
        .groupBy("segment", Columns.CHANNEL)
        .agg(count(lit(1)).as("accounts"),
            expr("percentile(_days, 0.5)").as("median_days_to_activate_after_paid"),
            expr("percentile(_days, 0.75)").as("p75_days"));
  }
}

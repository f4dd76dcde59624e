package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.money;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Columns;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Bookings, new MRR and activation by the lifecycle stage of the product and the channel of the account. */
public final class Lifecycle {
  public static final MetricTable TABLE = MetricTable.of("lifecycle", 2,
      text("lifecycle_stage"), text("channel"),
      integer("products"), money("won_amount"), money("new_mrr"),
      ratio("activation_rate", "_activated", "_started"));

  private static final String[] GRAIN = {"lifecycle_stage", Columns.CHANNEL};
  private static final Column ZERO = lit(BigDecimal.ZERO);

  private Lifecycle() {}

  public static Dataset<Row> compute(Dataset<Row> products, Dataset<Row> accounts, Dataset<Row> subscriptions,
      Dataset<Row> opportunities, Dataset<Row> usageGroups, Dataset<Row> mrrByProduct, Dataset<Row> activationPairs) {
    Dataset<Row> channels = accounts.select(ACCOUNT_ID, Columns.CHANNEL);
    Dataset<Row> stages = products.select("product_id", "lifecycle_stage");
    Dataset<Row> touched = subscriptions.select(ACCOUNT_ID, "product_id")
        .unionByName(opportunities.select(ACCOUNT_ID, "product_id"))
        .unionByName(usageGroups.select(ACCOUNT_ID, "product_id"))
        .join(channels, ACCOUNT_ID).join(stages, "product_id")
        .groupBy("lifecycle_stage", Columns.CHANNEL).agg(countDistinct("product_id").as("products"));
    Dataset<Row> won = opportunities.filter(col("is_won")).join(channels, ACCOUNT_ID).join(stages, "product_id")
        .groupBy("lifecycle_stage", Columns.CHANNEL).agg(sum(coalesce(col(Columns.AMOUNT_BASE), ZERO)).as("won_amount"));
    Dataset<Row> firstMonth = mrrByProduct.groupBy(ACCOUNT_ID, "product_id")
        .agg(min(ReportedMonths.MONTH_INDEX).as(ReportedMonths.MONTH_INDEX));
    Dataset<Row> newMrr = mrrByProduct.join(firstMonth, new String[] {ACCOUNT_ID, "product_id", ReportedMonths.MONTH_INDEX})
        .join(channels, ACCOUNT_ID).join(stages, "product_id")
        .groupBy("lifecycle_stage", Columns.CHANNEL).agg(sum(AccountMrr.MRR).as("new_mrr"));
    Dataset<Row> activation = activationPairs.filter(col(Activation.DECIDED))
        .join(channels, ACCOUNT_ID).join(stages, "product_id")
        .groupBy("lifecycle_stage", Columns.CHANNEL).agg(count(lit(1)).as("_started"), count(when(col(Activation.ACTIVATED), true)).as("_activated"));
    return touched
        .join(won, GRAIN, "left")
        .join(newMrr, GRAIN, "left")
        .join(activation, GRAIN, "left")
        .withColumn("won_amount", coalesce(col("won_amount"), ZERO))
        .withColumn("new_mrr", coalesce(col("new_mrr"), ZERO))
        .withColumn("_started", coalesce(col("_started"), lit(0L)))
        .withColumn("_activated", coalesce(col("_activated"), lit(0L)));
  }
}

package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.AccountMrr.MRR;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.money;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static com.saleslift.metrics.ReportedMonths.MONTH_INDEX;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Columns;
import java.math.BigDecimal;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * NRR, GRR and logo retention over 12 months: the cohort of month M is the accounts with MRR at
 * M - 12; GRR caps each account at its starting MRR.
 */
public final class RevenueRetention {
  public static final MetricTable TABLE = MetricTable.of("revenue_retention", 3,
      text("month"), text("segment"), text("channel"),
      integer("cohort_accounts"), money("start_mrr"), money("end_mrr"), money("capped_end_mrr"),
      integer("retained_accounts"),
      ratio("nrr", "end_mrr", "start_mrr"),
      ratio("grr", "capped_end_mrr", "start_mrr"),
      ratio("logo_retention", "retained_accounts", "cohort_accounts"));

  private RevenueRetention() {}

  public static Dataset<Row> compute(Dataset<Row> mrrByAccount, Dataset<Row> accounts, int lastMonth) {
    Dataset<Row> cohort = mrrByAccount
        .withColumn(MONTH_INDEX, col(MONTH_INDEX).plus(12))
        .filter(col(MONTH_INDEX).leq(lastMonth))
        .withColumnRenamed(MRR, "_start");
    Dataset<Row> end = mrrByAccount.withColumnRenamed(MRR, "_end");
    return cohort.join(end, new String[] {ACCOUNT_ID, MONTH_INDEX}, "left")
        .withColumn("_end", coalesce(col("_end"), lit(BigDecimal.ZERO)))
        .join(accounts.select(ACCOUNT_ID, "segment", Columns.CHANNEL), ACCOUNT_ID)
        .groupBy(col(MONTH_INDEX), col("segment"), col(Columns.CHANNEL))
        .agg(count(lit(1)).as("cohort_accounts"),
            sum("_start").as("start_mrr"),
            sum("_end").as("end_mrr"),
            sum(least(col("_start"), col("_end"))).as("capped_end_mrr"),
            count(when(col("_end").gt(0), true)).as("retained_accounts"))
        .withColumn("month", ReportedMonths.label(col(MONTH_INDEX)));
  }
}

package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.moneyRatio;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Deals closed under quarter-end pressure vs earlier: won NEW_BUSINESS deals whose 180 days have
 * passed, by whether they closed in the last quarter_end_window_days of their fiscal quarter,
 * and how many of their accounts had no MRR 180 days later.
 */
public final class QuarterEndDeals {
  public static final MetricTable TABLE = MetricTable.of("quarter_end_deals", 2,
      text("segment"), text("timing"),
      integer("deals"), moneyRatio("avg_deal_size", "_amount_sum", "_with_amount"),
      integer("churned_180d"), ratio("churn_rate_180d", "churned_180d", "deals"));

  private QuarterEndDeals() {}

  public static Dataset<Row> compute(Dataset<Row> opportunities, Dataset<Row> mrrByAccount, Dataset<Row> accounts,
      Calendar calendar, int windowDays) {
    LocalDate runDate = calendar.runDate();
    Column nextQuarter = add_months(calendar.fiscalQuarterStart(col("close_date")), 3);
    Column after180 = date_add(col("close_date"), 180);
    Dataset<Row> deals = opportunities
        .filter(col("is_won").and(col("opportunity_type").equalTo("NEW_BUSINESS")).and(after180.leq(lit(runDate))))
        .withColumn("timing", when(col("close_date").geq(date_sub(nextQuarter, windowDays)), lit("QUARTER_END"))
            .otherwise(lit("EARLIER")))
        .withColumn(ReportedMonths.MONTH_INDEX, Calendar.monthIndex(after180));
    return deals
        .join(mrrByAccount, new String[] {ACCOUNT_ID, ReportedMonths.MONTH_INDEX}, "left")
        .join(accounts.select(ACCOUNT_ID, "segment"), ACCOUNT_ID)
        .groupBy("segment", "timing")
        .agg(count(lit(1)).as("deals"),
            sum(col(Columns.AMOUNT_BASE)).as("_amount_sum"),
            count(col(Columns.AMOUNT_BASE)).as("_with_amount"),
            count(when(col(AccountMrr.MRR).isNull(), true)).as("churned_180d"));
  }
}

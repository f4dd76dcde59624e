package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Calendar;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Promises to customers: requests with a promised delivery date kept, broken or pending, how
 * fast they shipped, whether customers heard, and whether the accounts stayed.
 */
public final class FeatureRequests {
  public static final MetricTable TABLE = MetricTable.of("feature_requests", 2,
      MetricColumn.text("segment"), MetricColumn.text("promise_status"),
      integer("requests"), integer("accounts"), decimal("median_days_to_ship"),
      ratio("notified_within_7d_rate", "_notified", "_shipped"),
      ratio("account_churn_12m_rate", "_churned", "_eligible"));

  private FeatureRequests() {}

  public static Column promiseStatus(LocalDate runDate) {
    Column shipped = col("shipped_at").isNotNull();
    return when(col("promised_date").isNull(), lit("NO_PROMISE"))
        .when(shipped.and(col("shipped_at").leq(col("promised_date"))), lit("KEPT"))
        .when(shipped.or(col("promised_date").lt(lit(runDate))), lit("BROKEN"))
        .otherwise(lit("PENDING"));
  }

  public static Dataset<Row> compute(Dataset<Row> requests, Dataset<Row> mrrByAccount,
      Dataset<Row> accounts, Calendar calendar) {
    Dataset<Row> typed = requests.join(accounts.select(ACCOUNT_ID, "segment"), ACCOUNT_ID)
        .withColumn("promise_status", promiseStatus(calendar.runDate()))
        .withColumn("_ship_days", when(col("shipped_at").isNotNull(),
            Calendar.days(col("raised_at"), Calendar.midnight(col("shipped_at")))))
        .withColumn("_notified_7d", col("shipped_at").isNotNull().and(col("customer_notified_at").isNotNull())
            .and(Calendar.days(Calendar.midnight(col("shipped_at")), col("customer_notified_at")).leq(7)))
        .withColumn("_raise_month", Calendar.monthIndex(col("raised_at")));
    Dataset<Row> counts = typed.groupBy("segment", "promise_status")
        .agg(count(lit(1)).as("requests"),
            countDistinct(ACCOUNT_ID).as("accounts"),
            expr("percentile(_ship_days, 0.5)").as("median_days_to_ship"),
            count(when(col("shipped_at").isNotNull(), true)).as("_shipped"),
            count(when(col("_notified_7d"), true)).as("_notified"));
    return counts.join(churn(typed, mrrByAccount, calendar), new String[] {"segment", "promise_status"}, "left")
        .na().fill(0L, new String[] {"_eligible", "_churned"});
  }

  /**
   * Per group, the accounts with MRR at the end of their (earliest) raise month whose 12 months
   * after have ended, and how many of them had no MRR at some month end in those 12 months.
   */
  static Dataset<Row> churn(Dataset<Row> typed, Dataset<Row> mrrByAccount, Calendar calendar) {
    Dataset<Row> eligible = typed.groupBy("segment", "promise_status", ACCOUNT_ID)
        .agg(min("_raise_month").as(ReportedMonths.MONTH_INDEX))
        .filter(col(ReportedMonths.MONTH_INDEX).plus(12).leq(calendar.lastEndedMonthIndex()))
        .join(mrrByAccount.select(ACCOUNT_ID, ReportedMonths.MONTH_INDEX), new String[] {ACCOUNT_ID, ReportedMonths.MONTH_INDEX});
    Dataset<Row> paidMonths = mrrByAccount.select(col(ACCOUNT_ID).as("_paid_account"), col(ReportedMonths.MONTH_INDEX).as("_m"));
    Dataset<Row> monthsPaid = eligible
        .join(paidMonths, col(ACCOUNT_ID).equalTo(col("_paid_account"))
            .and(col("_m").gt(col(ReportedMonths.MONTH_INDEX))).and(col("_m").leq(col(ReportedMonths.MONTH_INDEX).plus(12))), "left")
        .groupBy("segment", "promise_status", ACCOUNT_ID)
        .agg(count(col("_m")).as("_paid_months"));
    return monthsPaid.groupBy("segment", "promise_status")
        .agg(count(lit(1)).as("_eligible"), count(when(col("_paid_months").lt(12), true)).as("_churned"));
  }
}

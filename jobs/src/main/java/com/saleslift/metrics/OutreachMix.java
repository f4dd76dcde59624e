package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Outreach style before paying (consultative meetings and demos, cold calls, e-mails and
 * mailers, or none) against conversion within 180 days and what converted accounts kept a year
 * after their first paid month.
 */
public final class OutreachMix {
  public static final MetricTable TABLE = MetricTable.of("outreach_mix", 2,
      text("segment"), text("outreach_style"),
      integer("accounts"), ratio("conversion_rate_180d", "_converted", "accounts"),
      ratio("logo_retention_12m", "_retained", "_cohort"), ratio("nrr_12m", "_mrr_12", "_mrr_0"));

  private OutreachMix() {}

  public static Dataset<Row> compute(Dataset<Row> accounts, Dataset<Row> activities, Dataset<Row> mrrByAccount,
      Calendar calendar) {
    Dataset<Row> population = accounts.filter(Conversion180.decided(calendar));
    Column beforePaying = when(col(Columns.FIRST_PAID_DATE).isNotNull(), to_date(col("occurred_at")).lt(col(Columns.FIRST_PAID_DATE)))
        .otherwise(Calendar.days(col("created_at"), col("occurred_at")).lt(180));
    Dataset<Row> styles = activities.select(ACCOUNT_ID, "activity_type", "occurred_at")
        .join(population.select(ACCOUNT_ID, "created_at", Columns.FIRST_PAID_DATE), ACCOUNT_ID)
        .filter(beforePaying)
        .groupBy(ACCOUNT_ID)
        .agg(max(when(col("activity_type").isin("MEETING", "DEMO"), 1).otherwise(0)).as("_consultative"));
    Column firstMonth = Calendar.monthIndex(col(Columns.FIRST_PAID_DATE));
    Dataset<Row> mrr0 = mrrByAccount.withColumnRenamed(AccountMrr.MRR, "_m0");
    Dataset<Row> mrr12 = mrrByAccount.withColumnRenamed(AccountMrr.MRR, "_m12")
        .withColumn(ReportedMonths.MONTH_INDEX, col(ReportedMonths.MONTH_INDEX).minus(12));
    Column inCohort = col("_conv").and(firstMonth.plus(12).leq(calendar.lastEndedMonthIndex()));
    BigDecimal zero = BigDecimal.ZERO;
    return population.join(styles, ACCOUNT_ID, "left")
        .withColumn("outreach_style", when(col("_consultative").isNull(), lit("NONE"))
            .when(col("_consultative").equalTo(1), lit("CONSULTATIVE")).otherwise(lit("COLD")))
        .withColumn("_conv", Conversion180.converted())
        .withColumn(ReportedMonths.MONTH_INDEX, firstMonth)
        .join(mrr0, new String[] {ACCOUNT_ID, ReportedMonths.MONTH_INDEX}, "left")
        .join(mrr12, new String[] {ACCOUNT_ID, ReportedMonths.MONTH_INDEX}, "left")
        .groupBy("segment", "outreach_style")
        .agg(count(lit(1)).as("accounts"),
            count(when(col("_conv"), true)).as("_converted"),
            count(when(inCohort, true)).as("_cohort"),
            count(when(inCohort.and(col("_m12").isNotNull()), true)).as("_retained"),
            sum(when(inCohort, coalesce(col("_m12"), lit(zero))).otherwise(lit(zero))).as("_mrr_12"),
            sum(when(inCohort, coalesce(col("_m0"), lit(zero))).otherwise(lit(zero))).as("_mrr_0"));
  }
}

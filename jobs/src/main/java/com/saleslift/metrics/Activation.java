package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import com.saleslift.validate.UsageRollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Activation per (account, product): the product start is the first usage event; activation
 * time is the latest first occurrence (at or after start) of each required event; activated
 * when all occurred within window_days. Pairs whose window has not ended by the as-of are left out.
 */
public final class Activation {
  public static final MetricTable TABLE = MetricTable.of("activation", 4,
      text("cohort_month"), text("segment"), text("product_id"), text("channel"),
      integer("started"), integer("activated"),
      ratio("activation_rate", "activated", "started"),
      decimal("median_days_to_activate"));

  public static final String START = "product_start";
  public static final String ACTIVATED_AT = "activated_at";
  public static final String ACTIVATED = "activated";
  public static final String DAYS = "days_to_activate";
  /** The pair's window has ended by the as-of: only decided pairs count in rates. */
  public static final String DECIDED = "decided";
  private static final double MICROS_PER_DAY = 86_400e6;
  private static final StructType REQUIRED = DataTypes.createStructType(List.of(
      DataTypes.createStructField("product_id", DataTypes.StringType, false),
      DataTypes.createStructField("event_name", DataTypes.StringType, false)));

  private Activation() {}

  /** (product, event) pairs that activate: each product's own list, else the default list. */
  public static Dataset<Row> requiredEvents(SparkSession spark, Dataset<Row> products, SalesLiftConfig.Activation config) {
    List<Row> rows = new ArrayList<>();
    for (Row p : products.select("product_id").collectAsList()) {
      String product = p.getString(0);
      config.eventsFor(product).forEach(e -> rows.add(RowFactory.create(product, e)));
    }
    return spark.createDataFrame(rows, REQUIRED);
  }

  /**
   * One row per (account, product) with a start: activation time (NULL until every required
   * event occurred), whether activated within the window, the days it took, and whether the
   * window has ended by the as-of (decided). Read from the usage groups: the start is the
   * pair's first event, so every event's first time is at or after it.
   */
  public static Dataset<Row> perPair(Dataset<Row> usageGroups, Dataset<Row> required, int windowDays, Instant asOf) {
    Dataset<Row> starts = usageGroups.groupBy(ACCOUNT_ID, "product_id").agg(min(UsageRollup.FIRST_AT).as(START));
    Dataset<Row> needed = required.groupBy("product_id").agg(count(lit(1)).as("_needed"));
    Dataset<Row> reached = usageGroups
        .join(required, new String[] {"product_id", "event_name"})
        .groupBy(ACCOUNT_ID, "product_id")
        .agg(countDistinct("event_name").as("_found"), max(UsageRollup.FIRST_AT).as("_latest"));
    long windowMicros = windowDays * 86_400_000_000L;
    Column noEventsNeeded = col("_needed").isNull();
    Column allFound = noEventsNeeded.or(col("_found").equalTo(col("_needed")));
    Column activatedAt = when(noEventsNeeded, col(START)).when(allFound, col("_latest"));
    Column elapsed = unix_micros(col(ACTIVATED_AT)).minus(unix_micros(col(START)));
    return starts
        .withColumn(DECIDED, unix_micros(col(START)).plus(windowMicros).leq(lit(asOf.getEpochSecond() * 1_000_000L)))
        .join(needed, "product_id", "left")
        .join(reached, new String[] {ACCOUNT_ID, "product_id"}, "left")
        .withColumn(ACTIVATED_AT, activatedAt)
        .withColumn(ACTIVATED, col(ACTIVATED_AT).isNotNull().and(elapsed.leq(windowMicros)))
        .withColumn(DAYS, when(col(ACTIVATED), elapsed.divide(MICROS_PER_DAY)))
        .select(ACCOUNT_ID, "product_id", START, ACTIVATED_AT, ACTIVATED, DAYS, DECIDED);
  }

  public static Dataset<Row> table(Dataset<Row> perPair, Dataset<Row> accounts) {
    return perPair.filter(col(DECIDED))
        .join(accounts.select(ACCOUNT_ID, "segment", Columns.CHANNEL), ACCOUNT_ID)
        .withColumn("cohort_month", ReportedMonths.label(Calendar.monthIndex(col(START))))
        .groupBy("cohort_month", "segment", "product_id", Columns.CHANNEL)
        .agg(count(lit(1)).as("started"),
            count(when(col(ACTIVATED), true)).as("activated"),
            expr("percentile(" + DAYS + ", 0.5)").as("median_days_to_activate"));
  }
}

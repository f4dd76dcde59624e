package com.saleslift.validate;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_micros;

import com.saleslift.config.SalesLiftConfig;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Accepted usage events as every later stage reads them: rolled up, because this is the table
 * that grows by millions of rows while no metric needs a single event. Activation, lifecycle and
 * the reported months need each (account, product, event name)'s first time; sales_lift and
 * accounts_to_engage need each account's exact count of events in its pre-period.
 *
 * @param groups one row per (account, product, event name): {@link #FIRST_AT}, {@link #LAST_AT}, {@link #EVENTS}
 * @param early one row per account with events in its pre-period: {@link #EARLY_EVENTS}
 * @param daily one row per account and reporting-zone day with events, for the {@link #RECENT_DAYS}
 *     days ending on the run date: {@link #DAY}, {@link #EVENTS} (what accounts_at_risk compares)
 * @param history how the rollup was made (from the kept state or from every event, and why), for run.json
 */
public record UsageRollup(Dataset<Row> groups, Dataset<Row> early, Dataset<Row> daily, String history) {
  public static final String FIRST_AT = "first_at";
  public static final String LAST_AT = "last_at";
  public static final String EVENTS = "events";
  public static final String EARLY_EVENTS = "early_events";
  public static final String DAY = "day";
  /** Two windows of 28 days ending on the run date: the usage a paying account's risk is read from. */
  public static final int RECENT_DAYS = 56;
  /** The daily counts as the state keeps them. */
  static final StructType DAILY = new StructType()
      .add(ACCOUNT_ID, DataTypes.StringType, false).add(DAY, DataTypes.DateType, false)
      .add(EVENTS, DataTypes.LongType, false);
  /**
   * Each account's earliest event times, sorted, as the kept state holds them: every time before
   * the end of its pre-period (so its count is exact), and at least the {@link #EARLY_CAP} earliest.
   */
  static final String EARLIEST = "earliest";
  /**
   * How many earliest times are kept beyond the pre-period: enough that an account whose creation
   * date moves later in a re-export is still decided from the state (sales_lift's highest usage
   * band starts at 50 events).
   */
  static final int EARLY_CAP = 50;
  private static final String PRE_PERIOD_END = "_pre_period_end";
  private static final String TIME = "_time";
  private static final String[] GROUP = {ACCOUNT_ID, "product_id", "event_name"};
  /** The groups as the state keeps them. */
  static final StructType GROUPS = new StructType()
      .add(GROUP[0], DataTypes.StringType, false).add(GROUP[1], DataTypes.StringType, false)
      .add(GROUP[2], DataTypes.StringType, false).add(FIRST_AT, DataTypes.TimestampType, false)
      .add(LAST_AT, DataTypes.TimestampType, false).add(EVENTS, DataTypes.LongType, false);
  /** The end of the pre-period the times were kept for: every event before it is among them. */
  static final String KEPT_BEFORE = "kept_before";
  /** The earliest times as the state keeps them. */
  static final StructType EARLIEST_TIMES = new StructType()
      .add(ACCOUNT_ID, DataTypes.StringType, false)
      .add(EARLIEST, DataTypes.createArrayType(DataTypes.TimestampType, false), false)
      .add(KEPT_BEFORE, DataTypes.TimestampType, false);

  /** The groups of accepted event rows. */
  static Dataset<Row> groups(Dataset<Row> events) {
    return events.groupBy(GROUP[0], GROUP[1], GROUP[2])
        .agg(min("occurred_at").as(FIRST_AT), max("occurred_at").as(LAST_AT), count(lit(1)).as(EVENTS));
  }

  /**
   * Events per account and reporting-zone day (the session's zone), from the first of the
   * {@link #RECENT_DAYS} days ending on {@code runDate}.
   */
  static Dataset<Row> daily(Dataset<Row> events, LocalDate runDate) {
    return events.withColumn(DAY, to_date(col("occurred_at")))
        .filter(col(DAY).geq(lit(firstRecentDay(runDate))))
        .groupBy(ACCOUNT_ID, DAY).agg(count(lit(1)).as(EVENTS));
  }

  /** Two sets of daily counts over disjoint events as one, from the first recent day of {@code runDate} on. */
  static Dataset<Row> mergeDaily(Dataset<Row> a, Dataset<Row> b, LocalDate runDate) {
    return a.unionByName(b).filter(col(DAY).geq(lit(firstRecentDay(runDate))))
        .groupBy(ACCOUNT_ID, DAY).agg(sum(EVENTS).cast("long").as(EVENTS));
  }

  static LocalDate firstRecentDay(LocalDate runDate) {
    return runDate.minusDays(RECENT_DAYS - 1);
  }

  /** Two sets of groups over disjoint events as one. */
  static Dataset<Row> mergeGroups(Dataset<Row> a, Dataset<Row> b) {
    return a.unionByName(b).groupBy(GROUP[0], GROUP[1], GROUP[2])
        .agg(min(FIRST_AT).as(FIRST_AT), max(LAST_AT).as(LAST_AT), sum(EVENTS).cast("long").as(EVENTS));
  }

  /**
   * Each account's accepted event times before the end of its pre-period, and its
   * {@link #EARLY_CAP} earliest whatever they are. Ranked first, then collected: collecting every
   * time of an account before cutting the list holds all of them in memory at once. (Spark 4.2's
   * min_by with a count took as long on the benchmark company, 20 s, and its whole run peaked at
   * 3.7 GB of memory instead of 3.0 GB.)
   */
  static Dataset<Row> earliest(Dataset<Row> events, Dataset<Row> accounts, SalesLiftConfig.Lift lift) {
    Column rank = row_number().over(Window.partitionBy(ACCOUNT_ID).orderBy("occurred_at"));
    return events.select(col(ACCOUNT_ID), col("occurred_at"), rank.as("_rank"))
        .join(broadcast(prePeriods(accounts, lift).select(ACCOUNT_ID, PRE_PERIOD_END)), ACCOUNT_ID)
        .filter(col("_rank").leq(EARLY_CAP).or(col("occurred_at").lt(col(PRE_PERIOD_END))))
        .groupBy(col(ACCOUNT_ID), col(PRE_PERIOD_END).as(KEPT_BEFORE)).agg(array_sort(collect_list("occurred_at")).as(EARLIEST))
        .select(ACCOUNT_ID, EARLIEST, KEPT_BEFORE);
  }

  /**
   * Two sets of earliest times over disjoint events as one, kept by the same rule. An account of
   * {@code a} without times in {@code b} whose pre-period end has not moved keeps its row as it
   * is: the rule applied again to the times it kept keeps all of them. Only the others' times are
   * ranked again (on the benchmark company, ranking all 5 million kept times was the slowest step
   * of an incremental night's validation).
   */
  static Dataset<Row> mergeEarliest(Dataset<Row> a, Dataset<Row> b, Dataset<Row> accounts, SalesLiftConfig.Lift lift) {
    Dataset<Row> unchanged = a.join(broadcast(prePeriods(accounts, lift).select(ACCOUNT_ID, PRE_PERIOD_END)), ACCOUNT_ID)
        .filter(col(KEPT_BEFORE).equalTo(col(PRE_PERIOD_END)))
        .join(broadcast(b.select(ACCOUNT_ID)), new String[] {ACCOUNT_ID}, "left_anti")
        .select(ACCOUNT_ID, EARLIEST, KEPT_BEFORE);
    Dataset<Row> ranked = a.join(unchanged.select(ACCOUNT_ID), new String[] {ACCOUNT_ID}, "left_anti").unionByName(b);
    return unchanged.unionByName(
        earliest(ranked.select(col(ACCOUNT_ID), explode(col(EARLIEST)).as("occurred_at")), accounts, lift));
  }

  /**
   * The accounts whose pre-period count the kept times cannot decide: the state kept every time
   * before the end of the pre-period it was built for, and at least the earliest
   * {@link #EARLY_CAP}; that covers the pre-period now when the account has fewer events, when a
   * kept time lies at or past the pre-period's end, or when that end has not moved later. Only an
   * account whose creation moved later can leave it open.
   */
  static Dataset<Row> undecided(Dataset<Row> earliest, Dataset<Row> accounts, SalesLiftConfig.Lift lift) {
    Column covered = size(col(EARLIEST)).lt(EARLY_CAP).or(element_at(col(EARLIEST), -1).geq(col(PRE_PERIOD_END)))
        .or(col(KEPT_BEFORE).geq(col(PRE_PERIOD_END)));
    return earliest.join(prePeriods(accounts, lift), ACCOUNT_ID).filter(not(covered)).select(ACCOUNT_ID);
  }

  /**
   * Each account's accepted events in days [0, pre_period_days) after its creation, capped,
   * counted from the events. The accounts' pre-periods are broadcast, as parents are for
   * foreign keys: otherwise every event is shuffled to meet its account.
   */
  static Dataset<Row> early(Dataset<Row> events, Dataset<Row> accounts, SalesLiftConfig.Lift lift) {
    return events.join(broadcast(prePeriods(accounts, lift)), ACCOUNT_ID)
        .filter(inPrePeriod(col("occurred_at")))
        .groupBy(ACCOUNT_ID).agg(count(lit(1)).as(EARLY_EVENTS));
  }

  /** The same count from the earliest times alone, for accounts {@link #undecided} does not name. */
  static Dataset<Row> earlyFromEarliest(Dataset<Row> earliest, Dataset<Row> accounts, SalesLiftConfig.Lift lift) {
    // One row per kept time rather than a filter over each array: Spark runs array lambdas
    // interpreted, element by element, and on the benchmark company's 5 million kept times that
    // was the slowest stage of an incremental night's validation.
    return earliest.join(prePeriods(accounts, lift), ACCOUNT_ID)
        .withColumn(TIME, explode(col(EARLIEST)))
        .groupBy(col(ACCOUNT_ID))
        .agg(count_if(inPrePeriod(col(TIME))).as(EARLY_EVENTS))
        .filter(col(EARLY_EVENTS).gt(0));
  }

  /**
   * Each account's pre-period, days [0, pre_period_days) after its creation in elapsed time
   * (docs/metrics.md), as two instants computed once per account: each event or kept time is then
   * compared with them, instead of having its elapsed days computed.
   */
  private static Dataset<Row> prePeriods(Dataset<Row> accounts, SalesLiftConfig.Lift lift) {
    long length = java.util.concurrent.TimeUnit.DAYS.toMicros(lift.prePeriodDays());
    return accounts.select(col(ACCOUNT_ID), col("created_at"),
        timestamp_micros(unix_micros(col("created_at")).plus(length)).as(PRE_PERIOD_END));
  }

  /** Whether a time falls in the pre-period of the {@link #prePeriods} row it is compared on. */
  private static Column inPrePeriod(Column time) {
    return time.geq(col("created_at")).and(time.lt(col(PRE_PERIOD_END)));
  }
}

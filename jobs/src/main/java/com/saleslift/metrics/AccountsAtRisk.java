package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.money;
import static com.saleslift.metrics.MetricColumn.text;
import static com.saleslift.model.Columns.ASSISTED;
import static com.saleslift.model.Columns.CHANNEL;
import static com.saleslift.model.Columns.MRR_BASE;
import static com.saleslift.model.Columns.SIZE_BAND;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Calendar;
import com.saleslift.validate.UsageRollup;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * accounts_at_risk (docs/metrics.md, "Account lists"): paying accounts showing a churn signal at the
 * run date D. Usage is read from the rollup's daily counts of the 56 days ending on D (kept by
 * the usage state, so an incremental night reads no old events): the 28 days ending on D against
 * the 28 before them.
 */
public final class AccountsAtRisk {
  public static final MetricTable TABLE = MetricTable.of("accounts_at_risk", 0,
      text(ACCOUNT_ID), text("account_name"), text("owner_rep_id"), text("segment"), text(SIZE_BAND), text(CHANNEL),
      money("mrr"), integer("events_last_28d"), integer("events_prior_28d"), text("signals"),
      text("last_assisted_activity_at"));

  /** A drop counts only against at least this many events in the 28 days before. */
  static final int DROP_BASE = 10;
  private static final int WINDOW = 28;
  private static final int PROMISE_DAYS = 90;

  private AccountsAtRisk() {}

  /**
   * @param subscriptions the model's periods (MRR in the base currency)
   * @param movements MRR movements per account and month ({@link MrrMovements#perAccount})
   * @param requests the model's feature requests (shipped_at after D already cleared)
   */
  public static Dataset<Row> compute(Dataset<Row> accounts, Dataset<Row> subscriptions, UsageRollup usage,
      Dataset<Row> movements, Dataset<Row> requests, Dataset<Row> activities, Calendar calendar) {
    LocalDate d = calendar.runDate();
    Column running = col("start_date").leq(lit(d)).and(col("end_date").isNull().or(col("end_date").gt(lit(d))));
    Dataset<Row> paying = subscriptions.filter(running).groupBy(ACCOUNT_ID).agg(sum(MRR_BASE).as("mrr"))
        .filter(col("mrr").gt(0));

    LocalDate lastFrom = d.minusDays(WINDOW - 1);
    LocalDate priorFrom = d.minusDays(2 * WINDOW - 1);
    Column day = col(UsageRollup.DAY);
    Dataset<Row> recent = usage.daily().groupBy(ACCOUNT_ID).agg(
        sum(when(day.geq(lit(lastFrom)), col(UsageRollup.EVENTS)).otherwise(0L)).as("events_last_28d"),
        sum(when(day.geq(lit(priorFrom)).and(day.lt(lit(lastFrom))), col(UsageRollup.EVENTS)).otherwise(0L)).as("events_prior_28d"));
    // "With events before them": the account's first event lies before the last 28 days.
    Dataset<Row> firstEvent = usage.groups().groupBy(ACCOUNT_ID).agg(min(to_date(col(UsageRollup.FIRST_AT))).as("_first_day"));

    int runMonth = calendar.runMonthIndex();
    Dataset<Row> contracted = movements
        .filter(col(ReportedMonths.MONTH_INDEX).geq(runMonth - 1).and(col(ReportedMonths.MONTH_INDEX).leq(runMonth))
            .and(col("contraction").gt(0)))
        .select(ACCOUNT_ID).distinct().withColumn("_contraction", lit(true));
    Dataset<Row> broken = requests
        .filter(col("promised_date").geq(lit(d.minusDays(PROMISE_DAYS))).and(col("promised_date").lt(lit(d)))
            .and(col("shipped_at").isNull().or(col("shipped_at").gt(col("promised_date")))))
        .select(ACCOUNT_ID).distinct().withColumn("_broken", lit(true));
    Dataset<Row> lastTouch = activities.filter(col(ASSISTED)).groupBy(ACCOUNT_ID)
        .agg(max("occurred_at").as("last_assisted_activity_at"));

    Column last = coalesce(col("events_last_28d"), lit(0L));
    Column prior = coalesce(col("events_prior_28d"), lit(0L));
    Column usageDrop = prior.geq(DROP_BASE).and(last.multiply(2).lt(prior));
    Column noRecent = last.equalTo(0).and(col("_first_day").lt(lit(lastFrom)));
    Column signals = concat_ws(";",
        when(usageDrop, lit("USAGE_DROP")), when(noRecent, lit("NO_RECENT_USAGE")),
        when(coalesce(col("_contraction"), lit(false)), lit("CONTRACTION")),
        when(coalesce(col("_broken"), lit(false)), lit("BROKEN_PROMISE")));
    return accounts.select(ACCOUNT_ID, "account_name", "owner_rep_id", "segment", SIZE_BAND, CHANNEL)
        .join(paying, ACCOUNT_ID)
        .join(recent, ACCOUNT_ID, "left")
        .join(firstEvent, ACCOUNT_ID, "left")
        .join(contracted, ACCOUNT_ID, "left")
        .join(broken, ACCOUNT_ID, "left")
        .join(lastTouch, ACCOUNT_ID, "left")
        .withColumn("events_last_28d", last)
        .withColumn("events_prior_28d", prior)
        .withColumn("signals", signals)
        .filter(col("signals").notEqual(""))
        .select(ACCOUNT_ID, "account_name", "owner_rep_id", "segment", SIZE_BAND, CHANNEL, "mrr", "events_last_28d",
            "events_prior_28d", "signals", "last_assisted_activity_at")
        .orderBy(col("mrr").desc(), col(ACCOUNT_ID).asc());
  }
}

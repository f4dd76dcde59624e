package com.saleslift.model;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.model.Columns.AMOUNT_BASE;
import static com.saleslift.model.Columns.ASSISTED;
import static com.saleslift.model.Columns.CHANNEL;
import static com.saleslift.model.Columns.FIRST_PAID_DATE;
import static com.saleslift.model.Columns.MRR_BASE;
import static com.saleslift.model.Columns.SIZE_BAND;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.table.DataSupport;
import com.saleslift.validate.Currencies;
import com.saleslift.validate.ValidatedInput;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Validated input -> the normalised {@link Model}. Each step is a Dataset -> Dataset function. */
public final class Normalizer {
  private Normalizer() {}

  public static Model normalize(ValidatedInput input, SalesLiftConfig config, LocalDate runDate) {
    Calendar calendar = new Calendar(config.fiscalYearStartMonth(), runDate, config.reportingTimezone());
    Dataset<Row> opportunities = opportunities(input.table(CanonicalTable.OPPORTUNITIES), runDate).localCheckpoint();
    Dataset<Row> activities = activities(input.table(CanonicalTable.ACTIVITIES), config).localCheckpoint();
    Dataset<Row> subscriptions = subscriptions(input.table(CanonicalTable.SUBSCRIPTIONS), runDate).localCheckpoint();
    DataSupport support = input.support();
    Dataset<Row> accounts = accounts(input.table(CanonicalTable.ACCOUNTS), subscriptions, opportunities, activities,
        config, runDate, support.channelKnown()).localCheckpoint();
    return new Model(calendar, accounts, input.table(CanonicalTable.REPS), input.table(CanonicalTable.PRODUCTS),
        targets(input.table(CanonicalTable.TARGETS)),
        opportunities, activities, subscriptions, input.usage(),
        featureRequests(input.table(CanonicalTable.FEATURE_REQUESTS), runDate, calendar.asOf()), input.hierarchy(),
        support);
  }

  /** A close after the run date is not a close yet; amounts in the base currency. */
  static Dataset<Row> opportunities(Dataset<Row> opportunities, LocalDate runDate) {
    Column closedByRunDate = col("is_closed").and(col("close_date").leq(lit(runDate)));
    return opportunities
        .withColumn("is_won", col("is_won").and(closedByRunDate))
        .withColumn("close_date", when(closedByRunDate, col("close_date")))
        .withColumn("is_closed", closedByRunDate)
        .withColumn(AMOUNT_BASE, col("amount").multiply(col(Currencies.RATE)))
        .drop(Currencies.RATE);
  }

  /** An end after the run date is not an end yet; MRR in the base currency. */
  static Dataset<Row> subscriptions(Dataset<Row> subscriptions, LocalDate runDate) {
    return subscriptions
        .withColumn("end_date", when(col("end_date").leq(lit(runDate)), col("end_date")))
        .withColumn(MRR_BASE, col("mrr").multiply(col(Currencies.RATE)))
        .drop(Currencies.RATE);
  }

  /** A ship or a notification after the run date has not happened yet. */
  static Dataset<Row> featureRequests(Dataset<Row> requests, LocalDate runDate, java.time.Instant asOf) {
    return requests
        .withColumn("shipped_at", when(col("shipped_at").leq(lit(runDate)), col("shipped_at")))
        .withColumn("customer_notified_at", when(col("customer_notified_at").lt(lit(asOf)), col("customer_notified_at")));
  }

  static Dataset<Row> targets(Dataset<Row> targets) {
    return targets.withColumn(AMOUNT_BASE, col("amount").multiply(col(Currencies.RATE))).drop(Currencies.RATE);
  }

  static Dataset<Row> activities(Dataset<Row> activities, SalesLiftConfig config) {
    return activities.withColumn(ASSISTED, col("activity_type").isin(config.salesTouch().assistedTypes().toArray()));
  }

  /**
   * Size band, first paid date and channel. SALES_LED: a won NEW_BUSINESS opportunity, or an
   * assisted activity on or before the first paid date (never paid: on or before the run date).
   * Without any CRM rows ({@code channelKnown} false) every account is UNKNOWN: product-led would
   * only be the default, and the report would present it as a finding.
   */
  static Dataset<Row> accounts(Dataset<Row> accounts, Dataset<Row> subscriptions, Dataset<Row> opportunities,
      Dataset<Row> activities, SalesLiftConfig config, LocalDate runDate, boolean channelKnown) {
    Dataset<Row> firstPaid = subscriptions.filter(col(MRR_BASE).gt(0))
        .groupBy(ACCOUNT_ID).agg(min("start_date").as(FIRST_PAID_DATE));
    Dataset<Row> wonNewBusiness = opportunities
        .filter(col("is_won").and(col("opportunity_type").equalTo("NEW_BUSINESS")))
        .select(col(ACCOUNT_ID)).distinct().withColumn("_won_new", lit(true));
    Dataset<Row> withPaid = accounts.join(firstPaid, ACCOUNT_ID, "left");
    Dataset<Row> assistedBeforePaid = activities.filter(col(ASSISTED))
        .join(withPaid.select(ACCOUNT_ID, FIRST_PAID_DATE), ACCOUNT_ID)
        .filter(to_date(col("occurred_at")).leq(coalesce(col(FIRST_PAID_DATE), lit(runDate))))
        .select(ACCOUNT_ID).distinct().withColumn("_assisted_early", lit(true));
    return withPaid
        .join(wonNewBusiness, ACCOUNT_ID, "left")
        .join(assistedBeforePaid, ACCOUNT_ID, "left")
        .withColumn(CHANNEL, !channelKnown ? lit(DataSupport.UNKNOWN_CHANNEL)
            : when(coalesce(col("_won_new"), lit(false)).or(coalesce(col("_assisted_early"), lit(false))),
                lit(Columns.SALES_LED)).otherwise(lit(Columns.PRODUCT_LED)))
        .withColumn(SIZE_BAND, sizeBand(config.sizeBands()))
        .drop("_won_new", "_assisted_early");
  }

  /** The band with the largest lower bound not above employees; NULL employees -> UNKNOWN. */
  static Column sizeBand(Map<String, Long> bands) {
    Column band = lit("UNKNOWN");
    // Built from the smallest bound up, so the largest matching bound is tested first.
    for (Map.Entry<String, Long> b : bands.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
      band = when(col("employees").geq(b.getValue()), lit(b.getKey())).otherwise(band);
    }
    return band;
  }
}

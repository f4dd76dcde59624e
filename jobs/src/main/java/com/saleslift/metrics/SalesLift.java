package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static com.saleslift.model.Columns.ASSISTED;
import static com.saleslift.model.Columns.SIZE_BAND;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import com.saleslift.validate.UsageRollup;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * sales_lift of docs/metrics.md: how much a sales touch changes an account's outcome once accounts
 * are compared with untouched accounts of the same early usage (the effect on the treated,
 * stratified), with a bootstrap interval over accounts. Reps choose promising accounts, so the
 * naive difference is shown beside it, never instead of it.
 *
 * <p>The bootstrap ({@link LiftBootstrap}) weighs every account in every replicate by a
 * Poisson(1) draw computed from a hash of (seed, replicate, account_id), so no random state
 * lives anywhere and any cluster gives the same numbers. Replicate 0 weighs every account 1:
 * it is the point estimate, computed by the same code.
 */
public final class SalesLift {
  public static final MetricTable TABLE = MetricTable.of("sales_lift", 3,
      text("segment"), text(SIZE_BAND), text("outcome"),
      integer("treated_n"), integer("control_n"), integer("excluded_early_touch"), integer("unmatched_treated"),
      ratio("treated_mean", "_treated_sum", "treated_n"), ratio("control_mean", "_control_sum", "control_n"),
      ratio("naive_lift", "_naive_num", "_naive_den"),
      decimal("adjusted_lift"), decimal("ci_low"), decimal("ci_high"), text("verdict"),
      ratio("sales_hours_per_treated", "_minutes", "_minutes_den"), decimal("lift_per_sales_hour"));

  /** What a touch is judged by; each has its own window that must have ended by the as-of. */
  public enum Outcome { CONVERTED_180D, MRR_12M, EXPANDED_12M }

  public enum Verdict { ADDS_VALUE, SUBTRACTS_VALUE, NO_CLEAR_EFFECT, INSUFFICIENT_DATA }

  public static final String ALL_SIZES = "ALL";
  static final String USAGE_BAND = "usage_band";
  static final String GROUP = "_group";
  static final String EARLY = "EARLY";
  static final String TREATED = "TREATED";
  static final String CONTROL = "CONTROL";
  static final String Y = "_y";
  static final String MINUTES = "_minutes";
  static final String REPLICATE = "_replicate";
  private static final String STRATUM = "_stratum";
  private static final String ADJUSTED = "_adjusted";

  private SalesLift() {}

  /**
   * One row per account and outcome whose window has ended by the as-of: segment, size band,
   * early usage band, group (EARLY: touched in the pre-period, left out; TREATED; CONTROL), the
   * assisted minutes in the touch window, and the outcome's value. {@code earlyUsage}: each
   * account's pre-period event count ({@link UsageRollup#early}).
   */
  public static Dataset<Row> accountOutcomes(Dataset<Row> accounts, Dataset<Row> activities, Dataset<Row> earlyUsage,
      Dataset<Row> mrrByAccount, Dataset<Row> movementsByAccount, Calendar calendar, SalesLiftConfig.Lift lift) {
    Dataset<Row> created = accounts.select(ACCOUNT_ID, "created_at");
    Column day = Calendar.days(col("created_at"), col("occurred_at"));
    Column prePeriod = day.geq(0).and(day.lt(lift.prePeriodDays()));
    Column touchWindow = day.geq(lift.prePeriodDays()).and(day.lt(lift.touchWindowDays()));
    Dataset<Row> touches = activities.filter(col(ASSISTED)).join(created, ACCOUNT_ID)
        .groupBy(ACCOUNT_ID)
        .agg(bool_or(prePeriod).as("_early"), bool_or(touchWindow).as("_touched"),
            sum(when(touchWindow, coalesce(col("duration_minutes"), lit(0)))).as(MINUTES));
    Column group = when(coalesce(col("_early"), lit(false)), lit(EARLY))
        .when(coalesce(col("_touched"), lit(false)), lit(TREATED)).otherwise(lit(CONTROL));
    Dataset<Row> described = accounts.select(ACCOUNT_ID, "segment", SIZE_BAND, "created_at", Columns.FIRST_PAID_DATE)
        .join(touches, ACCOUNT_ID, "left")
        .join(earlyUsage, ACCOUNT_ID, "left")
        .withColumn(USAGE_BAND, usageBand(coalesce(col(UsageRollup.EARLY_EVENTS), lit(0L))))
        .withColumn(GROUP, group)
        .withColumn(MINUTES, when(group.equalTo(TREATED), coalesce(col(MINUTES), lit(0L))).otherwise(lit(0L)))
        .withColumn("_month12", Calendar.monthIndex(col("created_at")).plus(12));

    DataType money = mrrByAccount.schema().apply(AccountMrr.MRR).dataType();
    Column one = lit(BigDecimal.ONE).cast(money);
    Column zero = lit(BigDecimal.ZERO).cast(money);
    Dataset<Row> yearOld = described.filter(col("_month12").leq(calendar.lastEndedMonthIndex()));

    Dataset<Row> converted = described.filter(Conversion180.decided(calendar))
        .withColumn(Y, when(Conversion180.converted(), one).otherwise(zero));
    Dataset<Row> mrr12 = yearOld
        .join(mrrByAccount.select(col(ACCOUNT_ID).as("_a"), col(ReportedMonths.MONTH_INDEX), col(AccountMrr.MRR)),
            col(ACCOUNT_ID).equalTo(col("_a")).and(col(ReportedMonths.MONTH_INDEX).equalTo(col("_month12"))), "left")
        .withColumn(Y, coalesce(col(AccountMrr.MRR), zero));
    Dataset<Row> expansions = movementsByAccount
        .filter(col("upsell").gt(0).or(col("cross_sell").gt(0)))
        .select(col(ACCOUNT_ID).as("_a"), col(ReportedMonths.MONTH_INDEX));
    Dataset<Row> expanded = yearOld
        .join(expansions, col(ACCOUNT_ID).equalTo(col("_a"))
            .and(col(ReportedMonths.MONTH_INDEX).between(col("_month12").minus(11), col("_month12"))), "left")
        .groupBy(ACCOUNT_ID, "segment", SIZE_BAND, USAGE_BAND, GROUP, MINUTES)
        .agg(max(when(col("_a").isNotNull(), one).otherwise(zero)).as(Y));

    String[] columns = {ACCOUNT_ID, "segment", SIZE_BAND, USAGE_BAND, GROUP, MINUTES, Y};
    return withOutcome(converted, Outcome.CONVERTED_180D, columns)
        .unionByName(withOutcome(mrr12, Outcome.MRR_12M, columns))
        .unionByName(withOutcome(expanded, Outcome.EXPANDED_12M, columns));
  }

  private static Dataset<Row> withOutcome(Dataset<Row> rows, Outcome outcome, String[] columns) {
    return rows.selectExpr(columns).withColumn("outcome", lit(outcome.name()));
  }

  /** The {@link UsageBand} of a count of pre-period events. */
  static Column usageBand(Column events) {
    Column band = lit(UsageBand.NONE.name());
    // Built from the lowest bound up, so the highest band the count reaches is tested first.
    for (UsageBand b : UsageBand.values()) {
      band = when(events.geq(b.minEvents), lit(b.name())).otherwise(band);
    }
    return band;
  }

  /**
   * The strata of each cell: within a size band the usage bands; for size band ALL, size band x
   * usage band. Both come from the same per-stratum sums.
   */
  static Dataset<Row> cellStrata(Dataset<Row> strata) {
    Dataset<Row> perBand = strata.withColumn(STRATUM, col(USAGE_BAND));
    Dataset<Row> allSizes = strata.withColumn(STRATUM, concat_ws("/", col(SIZE_BAND), col(USAGE_BAND)))
        .withColumn(SIZE_BAND, lit(ALL_SIZES));
    return perBand.unionByName(allSizes);
  }

  /**
   * Per cell and replicate: sum_s n1_s (mean1_s - mean0_s) / sum_s n1_s over the strata holding
   * both groups. The strata's terms are added in sorted order, so the result does not depend on
   * the order in which Spark's tasks finish.
   */
  static Dataset<Row> perReplicate(Dataset<Row> cellStrata) {
    Column n1 = col(LiftBootstrap.N1);
    Column n0 = col(LiftBootstrap.N0);
    Column matched = n1.gt(0).and(n0.gt(0));
    Column term = col(LiftBootstrap.S1).cast("double").minus(n1.multiply(col(LiftBootstrap.S0).cast("double")).divide(n0));
    Column matchedN1 = coalesce(sum(when(matched, n1)), lit(0L));
    Column terms = array_sort(collect_list(when(matched, term)));
    return cellStrata
        .groupBy("segment", SIZE_BAND, "outcome", REPLICATE)
        .agg(matchedN1.as("_matched_n1"), terms.as("_terms"),
            sum(n1).as("treated_n"), sum(n0).as("control_n"), sum(LiftBootstrap.EARLY_COUNT).as("excluded_early_touch"),
            coalesce(sum(when(n0.equalTo(0), n1)), lit(0L)).as("unmatched_treated"),
            sum(LiftBootstrap.S1).as("_treated_sum"), sum(LiftBootstrap.S0).as("_control_sum"), sum(MINUTES).as(MINUTES))
        .withColumn(ADJUSTED, when(col("_matched_n1").gt(0),
            aggregate(col("_terms"), lit(0.0), (acc, x) -> acc.plus(x)).divide(col("_matched_n1"))));
  }

  /** The table: replicate 0's counts, means and estimate, the replicates' percentile interval, the verdict. */
  public static Dataset<Row> compute(Dataset<Row> accountOutcomes, SalesLiftConfig.Lift lift) {
    Dataset<Row> replicates = perReplicate(cellStrata(
        LiftBootstrap.strata(accountOutcomes, lift.seed(), lift.bootstrapReplicates())));
    Column point = col(REPLICATE).equalTo(0);
    String[] pointValues = {"treated_n", "control_n", "excluded_early_touch", "unmatched_treated", "_treated_sum",
        "_control_sum", MINUTES, ADJUSTED};
    Column[] aggregates = new Column[pointValues.length + 1];
    for (int i = 0; i < pointValues.length; i++) {
      aggregates[i] = max(when(point, col(pointValues[i]))).as(pointValues[i]);
    }
    aggregates[pointValues.length] = expr("percentile(CASE WHEN " + REPLICATE + " > 0 THEN " + ADJUSTED
        + " END, array(0.025, 0.975))").as("_ci");
    Dataset<Row> cells = replicates.groupBy("segment", SIZE_BAND, "outcome")
        .agg(aggregates[0], java.util.Arrays.copyOfRange(aggregates, 1, aggregates.length));

    Column treatedN = col("treated_n");
    Column controlN = col("control_n");
    Column ciLow = col("_ci").getItem(0);
    Column ciHigh = col("_ci").getItem(1);
    Column verdict = when(treatedN.lt(lift.minGroupSize()).or(controlN.lt(lift.minGroupSize()))
            .or(col(ADJUSTED).isNull()).or(ciLow.isNull()), lit(Verdict.INSUFFICIENT_DATA.name()))
        .when(ciLow.gt(0), lit(Verdict.ADDS_VALUE.name()))
        .when(ciHigh.lt(0), lit(Verdict.SUBTRACTS_VALUE.name()))
        .otherwise(lit(Verdict.NO_CLEAR_EFFECT.name()));
    return cells
        .withColumn("_naive_num", col("_treated_sum").multiply(controlN).minus(col("_control_sum").multiply(treatedN)))
        .withColumn("_naive_den", treatedN.multiply(controlN))
        .withColumn("adjusted_lift", col(ADJUSTED))
        .withColumn("ci_low", ciLow)
        .withColumn("ci_high", ciHigh)
        .withColumn("verdict", verdict)
        .withColumn("_minutes_den", treatedN.multiply(60))
        .withColumn("lift_per_sales_hour", when(col(MINUTES).gt(0),
            col(ADJUSTED).multiply(treatedN).multiply(60).divide(col(MINUTES))));
  }
}

package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static com.saleslift.model.Columns.ASSISTED;
import static com.saleslift.model.Columns.FIRST_PAID_DATE;
import static com.saleslift.model.Columns.SIZE_BAND;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.metrics.HoldoutAssignment.Arm;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.model.Calendar;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * holdout_lift (docs/metrics.md, "Holdout experiment"): the list to engage measured by the
 * accounts it was not shown for. Per cell the conversion of the accounts reps were given against
 * the ones held back, an intention-to-treat difference that no choice of reps can bias because a
 * hash chose the arm; beside it how closely reps followed the list, the observational estimate
 * of the same cell, a check that the arms are the sizes the share promises, and the smallest
 * effect the sizes so far can see.
 */
public final class HoldoutLift {
  public static final MetricTable TABLE = MetricTable.of("holdout_lift", 2,
      text("segment"), text(SIZE_BAND),
      integer("listed_accounts"), integer("holdout_accounts"), integer("listed_decided"), integer("holdout_decided"),
      ratio("listed_conversion", "_listed_converted", "listed_decided"),
      ratio("holdout_conversion", "_holdout_converted", "holdout_decided"),
      ratio("itt_lift", "_itt_num", "_itt_den"), decimal("ci_low"), decimal("ci_high"),
      ratio("listed_touched_share", "_listed_touched", "listed_decided"),
      ratio("holdout_touched_share", "_holdout_touched", "holdout_decided"),
      decimal("observational_lift"), decimal("srm_p_value"), decimal("mde"), text("verdict"));

  public enum Verdict { SAMPLE_RATIO_MISMATCH, TOO_EARLY, ADDS_VALUE, SUBTRACTS_VALUE, NO_CLEAR_EFFECT }

  /** Below this p-value the arms' sizes are too far from the share for chance: the assignment is broken. */
  static final double SRM_ALPHA = 0.001;
  /** z(0.975) + z(0.8): a two-sided 5% test with 80% power. */
  static final double MDE_Z = 1.959964 + 0.841621;

  static final String ARM = "arm";
  static final String SHARE = "holdout_share";
  static final String DECIDED = "_decided";
  static final String TOUCHED = "_touched";
  static final StructType ASSIGNMENTS = new StructType()
      .add(ACCOUNT_ID, DataTypes.StringType, false).add(ARM, DataTypes.StringType, false)
      .add("assigned_on", DataTypes.DateType, false).add("segment", DataTypes.StringType, false)
      .add(SIZE_BAND, DataTypes.StringType, false).add(SHARE, DataTypes.createDecimalType(5, 4), false);
  private static final StructType OBSERVATIONAL = new StructType()
      .add("_segment", DataTypes.StringType).add("_size_band", DataTypes.StringType)
      .add("observational_lift", DataTypes.createDecimalType(38, 4));

  private HoldoutLift() {}

  /** The log as a relation: a few thousand rows a year, so built on the driver. */
  public static Dataset<Row> assignments(SparkSession spark, Collection<Assignment> log) {
    List<Row> rows = new ArrayList<>(log.size());
    for (Assignment a : log) {
      rows.add(RowFactory.create(a.accountId(), a.arm().name(), Date.valueOf(a.assignedOn()), a.segment(), a.sizeBand(),
          a.holdoutShare()));
    }
    return spark.createDataFrame(rows, ASSIGNMENTS);
  }

  /**
   * One row per logged account: its cell as assigned, arm and share; whether its 180 days have
   * ended (decided), whether it converted in them ({@link SalesLift#Y}, 1 or 0) and whether an
   * assisted activity reached it between the day it was first listed and the end of its touch
   * window. An account the input no longer holds stays, undecided: it still counts for the
   * sample-ratio check, which is about the assignment alone.
   */
  public static Dataset<Row> accountArms(Dataset<Row> assignments, Dataset<Row> accounts, Dataset<Row> activities,
      Calendar calendar, SalesLiftConfig.Lift lift) {
    Dataset<Row> described = assignments
        .join(accounts.select(ACCOUNT_ID, "created_at", FIRST_PAID_DATE), ACCOUNT_ID, "left");
    Column day = Calendar.days(col("created_at"), col("occurred_at"));
    Dataset<Row> touched = activities.filter(col(ASSISTED)).select(ACCOUNT_ID, "occurred_at")
        .join(described.select(ACCOUNT_ID, "created_at", "assigned_on"), ACCOUNT_ID)
        .filter(col("occurred_at").geq(Calendar.midnight(col("assigned_on"))).and(day.lt(lift.touchWindowDays())))
        .select(ACCOUNT_ID).distinct().withColumn(TOUCHED, lit(true));
    Column one = lit(BigDecimal.ONE).cast(DataTypes.createDecimalType(1, 0));
    Column zero = lit(BigDecimal.ZERO).cast(DataTypes.createDecimalType(1, 0));
    return described.join(touched, ACCOUNT_ID, "left")
        .withColumn(DECIDED, coalesce(Conversion180.decided(calendar), lit(false)))
        .withColumn(SalesLift.Y, when(Conversion180.converted(), one).otherwise(zero))
        .select(col(ACCOUNT_ID), col("segment"), col(SIZE_BAND), col(ARM), col(SHARE), col(DECIDED),
            coalesce(col(TOUCHED), lit(false)).as(TOUCHED), col(SalesLift.Y));
  }

  /** sales_lift's adjusted lift on 180-day conversion per cell (segment, size band, ALL included). */
  public static Dataset<Row> observational(SparkSession spark, ResultTable salesLift) {
    List<Row> rows = new ArrayList<>();
    for (List<String> row : salesLift.rows()) {
      if (salesLift.text(row, "outcome").equals(SalesLift.Outcome.CONVERTED_180D.name())) {
        rows.add(RowFactory.create(salesLift.text(row, "segment"), salesLift.text(row, SIZE_BAND),
            salesLift.number(row, "adjusted_lift").orElse(null)));
      }
    }
    return spark.createDataFrame(rows, OBSERVATIONAL);
  }

  /** The table, from {@link #accountArms} and {@link #observational}. */
  public static Dataset<Row> compute(Dataset<Row> accountArms, Dataset<Row> observational, SalesLiftConfig.Lift lift) {
    // A segment's ALL row is its accounts again under size band ALL: the same weights, so the same bootstrap.
    Dataset<Row> rows = accountArms.unionByName(accountArms.withColumn(SIZE_BAND, lit(SalesLift.ALL_SIZES)));
    Column listed = col(ARM).equalTo(Arm.LISTED.name());
    Column holdout = col(ARM).equalTo(Arm.HOLDOUT.name());
    Column decided = col(DECIDED);
    Column touched = col(TOUCHED);
    Dataset<Row> counts = rows.groupBy("segment", SIZE_BAND).agg(
        count(when(listed, 1)).as("listed_accounts"), count(when(holdout, 1)).as("holdout_accounts"),
        sum(col(SHARE)).as("_expected_holdout"),
        count(when(listed.and(decided), 1)).as("listed_decided"), count(when(holdout.and(decided), 1)).as("holdout_decided"),
        coalesce(sum(when(listed.and(decided), col(SalesLift.Y))), lit(0)).as("_listed_converted"),
        coalesce(sum(when(holdout.and(decided), col(SalesLift.Y))), lit(0)).as("_holdout_converted"),
        count(when(listed.and(decided).and(touched), 1)).as("_listed_touched"),
        count(when(holdout.and(decided).and(touched), 1)).as("_holdout_touched"));

    Dataset<Row> intervals = interval(rows.filter(decided), lift);
    Column ld = col("listed_decided");
    Column hd = col("holdout_decided");
    Column pooled = col("_listed_converted").plus(col("_holdout_converted")).cast("double").divide(ld.plus(hd));
    Column mde = when(ld.gt(0).and(hd.gt(0)),
        lit(MDE_Z).multiply(sqrt(pooled.multiply(lit(1.0).minus(pooled)).multiply(lit(1.0).divide(ld).plus(lit(1.0).divide(hd))))));
    Column srm = udf((UDF3<Long, Long, BigDecimal, Double>) HoldoutLift::srmPValue, DataTypes.DoubleType)
        .apply(col("holdout_accounts"), col("listed_accounts").plus(col("holdout_accounts")), col("_expected_holdout"));
    Column ciLow = col("_ci").getItem(0);
    Column ciHigh = col("_ci").getItem(1);
    Column verdict = when(col("srm_p_value").lt(SRM_ALPHA), lit(Verdict.SAMPLE_RATIO_MISMATCH.name()))
        .when(ld.lt(lift.minGroupSize()).or(hd.lt(lift.minGroupSize())).or(ciLow.isNull()), lit(Verdict.TOO_EARLY.name()))
        .when(ciLow.gt(0), lit(Verdict.ADDS_VALUE.name()))
        .when(ciHigh.lt(0), lit(Verdict.SUBTRACTS_VALUE.name()))
        .otherwise(lit(Verdict.NO_CLEAR_EFFECT.name()));
    return counts
        .join(intervals, new String[] {"segment", SIZE_BAND}, "left")
        .join(observational, col("segment").equalTo(col("_segment")).and(col(SIZE_BAND).equalTo(col("_size_band"))), "left")
        .withColumn("_itt_num", col("_listed_converted").multiply(hd).minus(col("_holdout_converted").multiply(ld)))
        .withColumn("_itt_den", ld.multiply(hd))
        .withColumn("ci_low", ciLow)
        .withColumn("ci_high", ciHigh)
        .withColumn("srm_p_value", srm)
        .withColumn("mde", mde)
        .withColumn("verdict", verdict);
  }

  /**
   * The 2.5th and 97.5th percentiles of the difference over the bootstrap replicates, weighed
   * as sales_lift weighs its accounts ({@link LiftBootstrap}): the listed arm in the place of the
   * touched, the held-out one in that of the untouched, one stratum per cell.
   */
  private static Dataset<Row> interval(Dataset<Row> decided, SalesLiftConfig.Lift lift) {
    Dataset<Row> outcomes = decided.select(col(ACCOUNT_ID), col("segment"), col(SIZE_BAND),
        lit(SalesLift.ALL_SIZES).as(SalesLift.USAGE_BAND), lit(SalesLift.Outcome.CONVERTED_180D.name()).as("outcome"),
        when(col(ARM).equalTo(Arm.LISTED.name()), lit(SalesLift.TREATED)).otherwise(lit(SalesLift.CONTROL)).as(SalesLift.GROUP),
        lit(0L).as(SalesLift.MINUTES), col(SalesLift.Y));
    Column n1 = col(LiftBootstrap.N1);
    Column n0 = col(LiftBootstrap.N0);
    Column difference = when(n1.gt(0).and(n0.gt(0)),
        col(LiftBootstrap.S1).cast("double").divide(n1).minus(col(LiftBootstrap.S0).cast("double").divide(n0)));
    return LiftBootstrap.strata(outcomes, lift.seed(), lift.bootstrapReplicates())
        .withColumn("_difference", difference)
        .groupBy("segment", SIZE_BAND)
        .agg(expr("percentile(CASE WHEN " + SalesLift.REPLICATE + " > 0 THEN _difference END, array(0.025, 0.975))").as("_ci"));
  }

  /**
   * The chi-square test (one degree of freedom) of the arms' sizes against the shares the
   * accounts were assigned with: {@code expectedHoldout} is the sum of those shares.
   */
  static Double srmPValue(Long holdout, Long total, BigDecimal expectedHoldout) {
    double expected = expectedHoldout.doubleValue();
    return new ChiSquareTest().chiSquareTest(new double[] {expected, total - expected}, new long[] {holdout, total - holdout});
  }
}

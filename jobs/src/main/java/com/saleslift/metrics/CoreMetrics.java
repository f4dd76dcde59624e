package com.saleslift.metrics;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.model.Model;
import com.saleslift.spark.JobGroup;
import com.saleslift.table.DataSupport;
import com.saleslift.table.ResultTable;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Computes the core tables of docs/metrics.md from the model, each labelled as its own Spark job group (`metrics-<table>`). */
public final class CoreMetrics {
  /** Every table of docs/metrics.md this job writes, in report order. */
  public static final java.util.List<MetricTable> TABLES = java.util.List.of(
      MrrMovements.TABLE, RevenueRetention.TABLE, Activation.TABLE, SalesFunnel.TABLE, ActivityEffectiveness.TABLE,
      SalesLift.TABLE, Onboarding.TABLE, QuarterEndDeals.TABLE, OutreachMix.TABLE, FeatureRequests.TABLE, Lifecycle.TABLE,
      QuotaAttainment.TABLE, AccountsToEngage.TABLE, HoldoutLift.TABLE, AccountsAtRisk.TABLE);

  private final SparkSession spark;
  private final SalesLiftConfig config;

  public CoreMetrics(SparkSession spark, SalesLiftConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * The metric tables, the account-level MRR drill-down for analysts' tools, and the accounts the
   * holdout assigned tonight for the first time (for the assignment log).
   */
  public record Result(Map<String, ResultTable> tables, Dataset<Row> accountMrr, List<HoldoutAssignment.Assignment> assigned) {}

  /**
   * Tables by name, in the order of docs/metrics.md. A table whose input tables have no accepted rows
   * ({@link DataSupport}) is published with its header only and is not computed: no churn from an
   * empty billing table, no quota without targets. With the holdout ({@link HoldoutAssignment}):
   * {@code logged} is the arm of every account the assignment log holds; the published
   * accounts_to_engage keeps the listed arm only, and holdout_lift is measured whenever the log
   * holds accounts, so an experiment switched off keeps maturing.
   */
  public Result compute(Model model, ReportedMonths months, Map<String, HoldoutAssignment.Assignment> logged) {
    DataSupport support = model.support();
    Map<String, ResultTable> tables = new LinkedHashMap<>();
    Dataset<Row> mrrByProduct = labelled(MrrMovements.TABLE, () -> AccountMrr.byProduct(model.subscriptions(), months).localCheckpoint());
    Dataset<Row> mrrByAccount = labelled(MrrMovements.TABLE, () -> AccountMrr.byAccount(mrrByProduct).localCheckpoint());
    Dataset<Row> perProduct = labelled(MrrMovements.TABLE,
        () -> MrrMovements.perProduct(mrrByProduct, model.opportunities(), months.last()).localCheckpoint());
    Dataset<Row> movements = labelled(MrrMovements.TABLE, () -> MrrMovements.perAccount(perProduct).localCheckpoint());
    put(tables, support, MrrMovements.TABLE, () -> MrrMovements.table(movements, model.accounts()));

    put(tables, support, RevenueRetention.TABLE, () -> RevenueRetention.compute(mrrByAccount, model.accounts(), months.last()));

    Dataset<Row> pairs = labelled(Activation.TABLE, () -> Activation.perPair(model.usage().groups(),
        Activation.requiredEvents(spark, model.products(), config.activation()), config.activation().windowDays(),
        model.calendar().asOf()).localCheckpoint());
    put(tables, support, Activation.TABLE, () -> Activation.table(pairs, model.accounts()));

    put(tables, support, SalesFunnel.TABLE, () -> SalesFunnel.compute(model.opportunities(), model.accounts(), model.calendar()));

    put(tables, support, ActivityEffectiveness.TABLE, () -> ActivityEffectiveness.compute(model.activities(), model.opportunities(),
        model.accounts(), model.calendar()));

    put(tables, support, SalesLift.TABLE, () -> SalesLift.compute(SalesLift.accountOutcomes(model.accounts(), model.activities(),
        model.usage().early(), mrrByAccount, movements, model.calendar(), config.lift()), config.lift()));
    // Who, then: read from the sales_lift table just computed, so the list and the report agree.
    put(tables, support, AccountsToEngage.TABLE, () -> AccountsToEngage.compute(model.accounts(), model.activities(),
        model.usage().early(), AccountsToEngage.cells(spark, tables.get(SalesLift.TABLE.name())), model.calendar().runDate(),
        config.lift()));
    List<HoldoutAssignment.Assignment> assigned = List.of();
    Map<String, HoldoutAssignment.Assignment> log = new LinkedHashMap<>(logged);
    if (tables.containsKey(AccountsToEngage.TABLE.name())) {
      HoldoutAssignment.Split split = HoldoutAssignment.split(tables.get(AccountsToEngage.TABLE.name()), logged, config.experiment(),
          model.calendar().runDate());
      tables.put(AccountsToEngage.TABLE.name(), split.listed());
      assigned = split.added();
      assigned.forEach(a -> log.put(a.accountId(), a));
      if (!log.isEmpty()) {
        put(tables, support, HoldoutLift.TABLE, () -> HoldoutLift.compute(HoldoutLift.accountArms(
            HoldoutLift.assignments(spark, log.values()), model.accounts(), model.activities(), model.calendar(), config.lift()),
            HoldoutLift.observational(spark, tables.get(SalesLift.TABLE.name())), config.lift()));
      }
    }

    put(tables, support, AccountsAtRisk.TABLE, () -> AccountsAtRisk.compute(model.accounts(), model.subscriptions(), model.usage(),
        movements, model.featureRequests(), model.activities(), model.calendar()));
    tables.computeIfPresent(AccountsAtRisk.TABLE.name(), (name, atRisk) -> HoldoutAssignment.withoutHeldOut(atRisk, log));

    put(tables, support, Onboarding.TABLE, () -> Onboarding.compute(model.subscriptions(), pairs, model.accounts()));

    put(tables, support, QuarterEndDeals.TABLE, () -> QuarterEndDeals.compute(model.opportunities(), mrrByAccount, model.accounts(),
        model.calendar(), config.quarterEndWindowDays()));

    put(tables, support, OutreachMix.TABLE, () -> OutreachMix.compute(model.accounts(), model.activities(), mrrByAccount, model.calendar()));

    put(tables, support, FeatureRequests.TABLE, () -> FeatureRequests.compute(model.featureRequests(), mrrByAccount, model.accounts(),
        model.calendar()));

    put(tables, support, Lifecycle.TABLE, () -> Lifecycle.compute(model.products(), model.accounts(), model.subscriptions(),
        model.opportunities(), model.usage().groups(), mrrByProduct, pairs));

    put(tables, support, QuotaAttainment.TABLE, () -> QuotaAttainment.compute(model.targets(),
        QuotaAttainment.members(spark, model.hierarchy()), model.opportunities(), model.reps()));
    Map<String, ResultTable> published = new LinkedHashMap<>();
    TABLES.forEach(t -> published.put(t.name(), tables.getOrDefault(t.name(), headerOnly(t))));
    return new Result(published, MrrMovements.drillDown(perProduct), assigned);
  }

  /** Computes and formats a table its inputs support, its Spark jobs labelled with its name. */
  private void put(Map<String, ResultTable> tables, DataSupport support, MetricTable table, Supplier<Dataset<Row>> computed) {
    if (support.supports(table.name())) {
      tables.put(table.name(), labelled(table, () -> TableFormatter.format(table, computed.get())));
    }
  }

  private static ResultTable headerOnly(MetricTable table) {
    return new ResultTable(table.name(), table.columnNames(), List.of());
  }

  /** Work for {@code table}, its Spark jobs labelled `metrics-<table>`. */
  private <T> T labelled(MetricTable table, Supplier<T> work) {
    try (JobGroup group = JobGroup.of(spark.sparkContext(), "metrics", table.name(), "compute " + table.name())) {
      return work.get();
    }
  }
}

package com.saleslift.metrics;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.model.Model;
import com.saleslift.table.ResultTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Computes the core tables of metrics.md from the model, each labelled as its own Spark job group. */
public final class CoreMetrics {
  /** Every table of metrics.md this job writes, in report order. */
  public static final java.util.List<MetricTable> TABLES = java.util.List.of(
      MrrMovements.TABLE, RevenueRetention.TABLE, Activation.TABLE, SalesFunnel.TABLE, ActivityEffectiveness.TABLE,
      SalesLift.TABLE, Onboarding.TABLE, QuarterEndDeals.TABLE, OutreachMix.TABLE, FeatureRequests.TABLE, Lifecycle.TABLE,
      QuotaAttainment.TABLE);

  private final SparkSession spark;
  private final SalesLiftConfig config;

  public CoreMetrics(SparkSession spark, SalesLiftConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The metric tables, and the account-level MRR drill-down for analysts' tools. */
  public record Result(Map<String, ResultTable> tables, Dataset<Row> accountMrr) {}

  /** Tables by name, in the order of metrics.md; quota_attainment only when targets were given. */
  public Result compute(Model model, ReportedMonths months) {
    Map<String, ResultTable> tables = new LinkedHashMap<>();
    Dataset<Row> mrrByProduct = AccountMrr.byProduct(model.subscriptions(), months).localCheckpoint();
    Dataset<Row> mrrByAccount = AccountMrr.byAccount(mrrByProduct).localCheckpoint();

    group("mrr_movements");
    Dataset<Row> perProduct = MrrMovements.perProduct(mrrByProduct, model.opportunities(), months.last()).localCheckpoint();
    Dataset<Row> movements = MrrMovements.perAccount(perProduct).localCheckpoint();
    put(tables, MrrMovements.TABLE, MrrMovements.table(movements, model.accounts()));

    group("revenue_retention");
    tables.put(RevenueRetention.TABLE.name(), TableFormatter.format(RevenueRetention.TABLE,
        RevenueRetention.compute(mrrByAccount, model.accounts(), months.last())));

    group("activation");
    Dataset<Row> required = Activation.requiredEvents(spark, model.products(), config.activation());
    Dataset<Row> pairs = Activation.perPair(model.usage().groups(), required, config.activation().windowDays(),
        model.calendar().asOf()).localCheckpoint();
    tables.put(Activation.TABLE.name(), TableFormatter.format(Activation.TABLE, Activation.table(pairs, model.accounts())));

    group("sales_funnel");
    tables.put(SalesFunnel.TABLE.name(), TableFormatter.format(SalesFunnel.TABLE,
        SalesFunnel.compute(model.opportunities(), model.accounts(), model.calendar())));

    group("activity_effectiveness");
    put(tables, ActivityEffectiveness.TABLE, ActivityEffectiveness.compute(model.activities(), model.opportunities(),
        model.accounts(), model.calendar()));

    group("sales_lift");
    put(tables, SalesLift.TABLE, SalesLift.compute(SalesLift.accountOutcomes(model.accounts(), model.activities(),
        model.usage().early(), mrrByAccount, movements, model.calendar(), config.lift()), config.lift()));

    group("onboarding");
    put(tables, Onboarding.TABLE, Onboarding.compute(model.subscriptions(), pairs, model.accounts()));

    group("quarter_end_deals");
    put(tables, QuarterEndDeals.TABLE, QuarterEndDeals.compute(model.opportunities(), mrrByAccount, model.accounts(),
        model.calendar(), config.quarterEndWindowDays()));

    group("outreach_mix");
    put(tables, OutreachMix.TABLE, OutreachMix.compute(model.accounts(), model.activities(), mrrByAccount, model.calendar()));

    group("feature_requests");
    put(tables, FeatureRequests.TABLE, FeatureRequests.compute(model.featureRequests(), mrrByAccount, model.accounts(),
        model.calendar()));

    group("lifecycle");
    put(tables, Lifecycle.TABLE, Lifecycle.compute(model.products(), model.accounts(), model.subscriptions(),
        model.opportunities(), model.usage().groups(), mrrByProduct, pairs));

    if (model.hasTargets()) {
      group("quota_attainment");
      tables.put(QuotaAttainment.TABLE.name(), TableFormatter.format(QuotaAttainment.TABLE,
          QuotaAttainment.compute(model.targets(), QuotaAttainment.members(spark, model.hierarchy()),
              model.opportunities(), model.reps())));
    }
    return new Result(tables, MrrMovements.drillDown(perProduct));
  }

  private static void put(Map<String, ResultTable> tables, MetricTable table, Dataset<Row> computed) {
    tables.put(table.name(), TableFormatter.format(table, computed));
  }

  private void group(String table) {
    spark.sparkContext().setJobGroup("metrics-" + table, "compute " + table, false);
  }
}

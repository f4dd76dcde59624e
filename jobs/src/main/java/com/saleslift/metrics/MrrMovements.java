package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.AccountMrr.MRR;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.money;
import static com.saleslift.metrics.MetricColumn.text;
import static com.saleslift.metrics.ReportedMonths.MONTH_INDEX;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * MRR movements of docs/metrics.md, per account and month against the month before: NEW,
 * REACTIVATION, CHURN, and per product UPSELL, CROSS_SELL, CONTRACTION; an upsell or cross-sell
 * is sales-assisted when a won UPSELL or CROSS_SELL opportunity on the same account and product
 * closed in the month or the month before.
 */
public final class MrrMovements {
  public static final MetricTable TABLE = MetricTable.of("mrr_movements", 3,
      text("month"), text("segment"), text("channel"),
      integer("accounts_start"), integer("accounts_end"), money("mrr_start"),
      money("new"), money("upsell"), money("cross_sell"), money("reactivation"), money("contraction"),
      money("churn"), money("mrr_end"), money("upsell_sales_assisted"), money("cross_sell_sales_assisted"));

  public static final String PREV = "prev";
  public static final String CUR = "cur";
  public static final String CHANGE = "mrr_change";
  public static final String[] MOVEMENTS = {"new", "upsell", "cross_sell", "reactivation", "contraction", "churn",
      "upsell_sales_assisted", "cross_sell_sales_assisted"};
  private static final Column ZERO = lit(BigDecimal.ZERO);

  private MrrMovements() {}

  /**
   * One row per account, product and month where the pair had MRR in the month or the month
   * before: prev, cur, their difference, when the account and the pair first had MRR, and
   * whether a won expansion deal assists the month.
   */
  public static Dataset<Row> perProduct(Dataset<Row> mrrByProduct, Dataset<Row> opportunities, int lastMonth) {
    Dataset<Row> cur = mrrByProduct.withColumnRenamed(MRR, CUR);
    Dataset<Row> prev = mrrByProduct.withColumn(MONTH_INDEX, col(MONTH_INDEX).plus(1))
        .filter(col(MONTH_INDEX).leq(lastMonth)).withColumnRenamed(MRR, PREV);
    Dataset<Row> firstOnProduct = mrrByProduct.groupBy(ACCOUNT_ID, "product_id").agg(min(MONTH_INDEX).as("_first_p"));
    Dataset<Row> firstOnAccount = mrrByProduct.groupBy(ACCOUNT_ID).agg(min(MONTH_INDEX).as("_first_a"));

    return cur.join(prev, new String[] {ACCOUNT_ID, "product_id", MONTH_INDEX}, "full_outer")
        .withColumn(CUR, coalesce(col(CUR), ZERO))
        .withColumn(PREV, coalesce(col(PREV), ZERO))
        .join(firstOnProduct, new String[] {ACCOUNT_ID, "product_id"})
        .join(firstOnAccount, ACCOUNT_ID)
        .join(salesAssisted(opportunities, lastMonth), new String[] {ACCOUNT_ID, "product_id", MONTH_INDEX}, "left")
        .withColumn(CHANGE, col(CUR).minus(col(PREV)));
  }

  /**
   * One row per account and month where the account had MRR in the month or the month before:
   * prev, cur and every movement amount (0 where none); per account,
   * cur - prev = new + upsell + cross_sell + reactivation - contraction - churn.
   */
  public static Dataset<Row> perAccount(Dataset<Row> perProduct) {
    Column grows = col(CHANGE).gt(0);
    Column newOnProduct = col("_first_p").geq(col(MONTH_INDEX));
    Column assisted = coalesce(col("_assisted"), lit(false));
    Dataset<Row> perAccount = perProduct.groupBy(ACCOUNT_ID, MONTH_INDEX).agg(
        sum(PREV).as(PREV), sum(CUR).as(CUR), first("_first_a").as("_first_a"),
        sum(when(grows.and(not(newOnProduct)), col(CHANGE)).otherwise(ZERO)).as("_up"),
        sum(when(grows.and(newOnProduct), col(CHANGE)).otherwise(ZERO)).as("_cross"),
        sum(when(col(CHANGE).lt(0), negate(col(CHANGE))).otherwise(ZERO)).as("_down"),
        sum(when(grows.and(not(newOnProduct)).and(assisted), col(CHANGE)).otherwise(ZERO)).as("_up_sa"),
        sum(when(grows.and(newOnProduct).and(assisted), col(CHANGE)).otherwise(ZERO)).as("_cross_sa"));

    Column started = col(PREV).equalTo(0).and(col(CUR).gt(0));
    Column kept = col(PREV).gt(0).and(col(CUR).gt(0));
    return perAccount
        .withColumn("new", when(started.and(col("_first_a").geq(col(MONTH_INDEX))), col(CUR)).otherwise(ZERO))
        .withColumn("reactivation", when(started.and(col("_first_a").lt(col(MONTH_INDEX))), col(CUR)).otherwise(ZERO))
        .withColumn("churn", when(col(PREV).gt(0).and(col(CUR).equalTo(0)), col(PREV)).otherwise(ZERO))
        .withColumn("upsell", when(kept, col("_up")).otherwise(ZERO))
        .withColumn("cross_sell", when(kept, col("_cross")).otherwise(ZERO))
        .withColumn("contraction", when(kept, col("_down")).otherwise(ZERO))
        .withColumn("upsell_sales_assisted", when(kept, col("_up_sa")).otherwise(ZERO))
        .withColumn("cross_sell_sales_assisted", when(kept, col("_cross_sa")).otherwise(ZERO))
        .drop("_first_a", "_up", "_cross", "_down", "_up_sa", "_cross_sa");
  }

  /**
   * The drill-down table: per account, month and product, the MRR, its change and the movement
   * it belongs to (NEW, REACTIVATION and CHURN are the account's; the rest the product's own).
   */
  public static Dataset<Row> drillDown(Dataset<Row> perProduct) {
    WindowSpec month = Window.partitionBy(ACCOUNT_ID, MONTH_INDEX);
    Column prevTotal = sum(PREV).over(month);
    Column curTotal = sum(CUR).over(month);
    Column movement = when(prevTotal.equalTo(0).and(col("_first_a").geq(col(MONTH_INDEX))), lit("NEW"))
        .when(prevTotal.equalTo(0), lit("REACTIVATION"))
        .when(curTotal.equalTo(0), lit("CHURN"))
        .when(col(CHANGE).gt(0).and(col("_first_p").geq(col(MONTH_INDEX))), lit("CROSS_SELL"))
        .when(col(CHANGE).gt(0), lit("UPSELL"))
        .when(col(CHANGE).lt(0), lit("CONTRACTION"))
        .otherwise(lit("NONE"));
    return perProduct.select(col(ACCOUNT_ID), ReportedMonths.label(col(MONTH_INDEX)).as("month"), col("product_id"),
        col(CUR).as("mrr"), col(CHANGE), movement.as("movement"),
        coalesce(col("_assisted"), lit(false)).as("sales_assisted_window"));
  }

  /** (account, product, month) where a won UPSELL or CROSS_SELL closed in that month or the one before. */
  static Dataset<Row> salesAssisted(Dataset<Row> opportunities, int lastMonth) {
    Dataset<Row> closes = opportunities
        .filter(col("is_won").and(col("opportunity_type").isin("UPSELL", "CROSS_SELL")))
        .select(col(ACCOUNT_ID), col("product_id"), Calendar.monthIndex(col("close_date")).as(MONTH_INDEX));
    return closes.unionByName(closes.withColumn(MONTH_INDEX, col(MONTH_INDEX).plus(1)))
        .filter(col(MONTH_INDEX).leq(lastMonth))
        .distinct()
        .withColumn("_assisted", lit(true));
  }

  public static Dataset<Row> table(Dataset<Row> perAccount, Dataset<Row> accounts) {
    Column[] sums = new Column[MOVEMENTS.length + 5];
    sums[0] = count(when(col(PREV).gt(0), true)).as("accounts_start");
    sums[1] = count(when(col(CUR).gt(0), true)).as("accounts_end");
    sums[2] = sum(PREV).as("mrr_start");
    sums[3] = sum(CUR).as("mrr_end");
    sums[4] = count(lit(1)).as("_accounts");
    for (int i = 0; i < MOVEMENTS.length; i++) {
      sums[5 + i] = sum(MOVEMENTS[i]).as(MOVEMENTS[i]);
    }
    return perAccount
        .join(accounts.select(ACCOUNT_ID, "segment", Columns.CHANNEL), ACCOUNT_ID)
        .groupBy(col(MONTH_INDEX), col("segment"), col(Columns.CHANNEL))
        .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
        .withColumn("month", ReportedMonths.label(col(MONTH_INDEX)));
  }
}

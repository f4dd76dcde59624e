package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.money;
import static com.saleslift.metrics.MetricColumn.moneyRatio;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Closed opportunities per fiscal quarter of close_date: win rates by count and amount, average
 * won deal size (over won deals with an amount) and the median sales cycle of won deals.
 */
public final class SalesFunnel {
  public static final MetricTable TABLE = MetricTable.of("sales_funnel", 3,
      text("fiscal_quarter"), text("segment"), text("product_id"),
      integer("closed"), integer("won"), integer("lost"), money("won_amount"), money("closed_amount"),
      ratio("win_rate_count", "won", "closed"),
      ratio("win_rate_amount", "won_amount", "closed_amount"),
      moneyRatio("avg_deal_size", "won_amount", "_won_with_amount"),
      decimal("median_cycle_days"));

  private SalesFunnel() {}

  public static Dataset<Row> compute(Dataset<Row> opportunities, Dataset<Row> accounts, Calendar calendar) {
    Column amount = coalesce(col(Columns.AMOUNT_BASE), lit(BigDecimal.ZERO));
    Column won = col("is_won");
    // The close date counts as its midnight in the reporting zone (the session zone).
    Column cycleDays = Calendar.days(col("created_at"), Calendar.midnight(col("close_date")));
    return opportunities.filter(col("is_closed"))
        .join(accounts.select(ACCOUNT_ID, "segment"), ACCOUNT_ID)
        .withColumn("fiscal_quarter", calendar.fiscalQuarter(col("close_date")))
        .withColumn("_cycle", when(won, cycleDays))
        .groupBy("fiscal_quarter", "segment", "product_id")
        .agg(count(lit(1)).as("closed"),
            count(when(won, true)).as("won"),
            count(when(won.equalTo(false), true)).as("lost"),
            sum(when(won, amount).otherwise(lit(BigDecimal.ZERO))).as("won_amount"),
            sum(amount).as("closed_amount"),
            count(when(won.and(col(Columns.AMOUNT_BASE).isNotNull()), true)).as("_won_with_amount"),
            expr("percentile(_cycle, 0.5)").as("median_cycle_days"));
  }
}

package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.ReportedMonths.EVALUATION_DAY;
import static com.saleslift.metrics.ReportedMonths.MONTH_INDEX;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.saleslift.model.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * mrr(a, p, M) of docs/metrics.md: the sum of the periods with start_date <= E and (end_date NULL or
 * end_date > E), E the month's evaluation day; only the (a, p, M) where it is above 0.
 */
public final class AccountMrr {
  public static final String MRR = "mrr";

  private AccountMrr() {}

  public static Dataset<Row> byProduct(Dataset<Row> subscriptions, ReportedMonths months) {
    return subscriptions
        .join(org.apache.spark.sql.functions.broadcast(months.months()),
            col("start_date").leq(col(EVALUATION_DAY))
                .and(col("end_date").isNull().or(col("end_date").gt(col(EVALUATION_DAY)))))
        .groupBy(col(ACCOUNT_ID), col("product_id"), col(MONTH_INDEX))
        .agg(sum(Columns.MRR_BASE).as(MRR))
        .filter(col(MRR).gt(0));
  }

  /** mrr(a, M): the account's total over its products, where above 0. */
  public static Dataset<Row> byAccount(Dataset<Row> byProduct) {
    return byProduct.groupBy(ACCOUNT_ID, MONTH_INDEX).agg(sum(MRR).as(MRR));
  }
}

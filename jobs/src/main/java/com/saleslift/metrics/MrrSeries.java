package com.saleslift.metrics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every account's MRR per product and month and its movements against the month before: what
 * the MRR tables, retention, lifecycle, sales_lift and the account lists read. Computed from the
 * subscriptions and opportunities, or built on the last night's by {@link MrrState}.
 *
 * @param byProduct {@link AccountMrr#byProduct}
 * @param byAccount {@link AccountMrr#byAccount}
 * @param perProduct {@link MrrMovements#perProduct}
 * @param perAccount {@link MrrMovements#perAccount}
 * @param history how it was made (from the kept state or every month, and why), for run.json
 */
public record MrrSeries(Dataset<Row> byProduct, Dataset<Row> byAccount, Dataset<Row> perProduct, Dataset<Row> perAccount,
    String history) {

  /** Every month of every account, each step checkpointed before the next reads it. */
  static MrrSeries compute(Dataset<Row> subscriptions, Dataset<Row> opportunities, ReportedMonths months, String history) {
    Dataset<Row> byProduct = AccountMrr.byProduct(subscriptions, months).localCheckpoint();
    Dataset<Row> perProduct = MrrMovements.perProduct(byProduct, opportunities, months.last()).localCheckpoint();
    return new MrrSeries(byProduct, AccountMrr.byAccount(byProduct).localCheckpoint(), perProduct,
        MrrMovements.perAccount(perProduct).localCheckpoint(), history);
  }
}

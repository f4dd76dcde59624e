package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.ReportedMonths.MONTH_INDEX;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import com.saleslift.spark.StateFolder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MrrSeries} a nightly run keeps for the next one (`<output>/_state/mrr/`, a
 * {@link StateFolder}), with each account's fingerprint: a hash of everything the series reads
 * of it (its subscription periods with their MRR in the base currency, its won expansion deals
 * by product and month).
 *
 * <p>Why a month can stay: an account's MRR in month M reads only its own periods and M's
 * evaluation day, which is the month's last day for every month before the run date's. So a
 * night computes again every month of the accounts whose fingerprint changed (a late period, a
 * deal re-exported a year back), and for the others only the months from the state's run month
 * on (the last one was evaluated on the state's run date); the rest is read from the state. A
 * movement reads its month and the month before, and the first month the account and the pair
 * had MRR, read from the whole series. Whenever the state cannot say exactly what every month
 * would be (another configuration, the first reported month moved, a damaged state), every month
 * is computed and the state built again: slower, never different.
 */
public final class MrrState implements AutoCloseable {
  /** Bumped when what the state holds, or a rule it was built with, changes. */
  static final int VERSION = 1;
  static final String FINGERPRINT = "fingerprint";
  private static final Logger LOG = LoggerFactory.getLogger(MrrState.class);
  private static final String ACCOUNTS = "accounts";
  private static final String BY_PRODUCT = "by_product";
  private static final String BY_ACCOUNT = "by_account";
  private static final String PER_PRODUCT = "per_product";
  private static final String PER_ACCOUNT = "per_account";
  private static final String CHANGED = "_changed";

  /**
   * @param runDate the run date the series was computed for
   * @param first the first reported month, by {@link ReportedMonths} number
   * @param last the run date's month
   * @param config the SHA-256 of the configuration the run read
   */
  record Facts(String runDate, int first, int last, String config) {}

  private final StateFolder<Facts> folder;
  private final String config;
  private final boolean full;

  private MrrState(StateFolder<Facts> folder, String config, boolean full) {
    this.folder = folder;
    this.config = config;
    this.full = full;
  }

  /**
   * The state folder, locked until {@link #close}.
   *
   * @param config what names the configuration (its SHA-256): a state built under another is not used
   * @param full every month computed (`--full`), the state only written
   */
  public static MrrState open(Path dir, String config, boolean full) {
    Map<String, StructType> parts = new LinkedHashMap<>();
    parts.put(ACCOUNTS, new StructType().add(ACCOUNT_ID, DataTypes.StringType).add(FINGERPRINT, DataTypes.StringType));
    // The series' own schemas, as written (their money columns' precision follows the input's).
    parts.put(BY_PRODUCT, null);
    parts.put(BY_ACCOUNT, null);
    parts.put(PER_PRODUCT, null);
    parts.put(PER_ACCOUNT, null);
    return new MrrState(StateFolder.open(dir, "MRR state", VERSION, Facts.class, parts), config, full);
  }

  /**
   * The series for {@code months}, built on the kept state where it holds (never under
   * `--full`), and kept for the next night unless the run date is before the state's.
   */
  public MrrSeries series(SparkSession spark, Dataset<Row> subscriptions, Dataset<Row> opportunities, ReportedMonths months,
      LocalDate runDate) {
    StateFolder.Loaded<Facts> loaded = full ? new StateFolder.Loaded<>(null, "--full was asked") : folder.load(spark);
    if (loaded.kept() != null && runDate.isBefore(LocalDate.parse(loaded.kept().facts().runDate()))) {
      // A backfill: the state stays as the nightly left it, for the next nightly.
      return MrrSeries.compute(subscriptions, opportunities, months, "every month computed: the run date is before the MRR state's");
    }
    Dataset<Row> fingerprints = fingerprints(subscriptions, opportunities).localCheckpoint();
    String whyNot = loaded.kept() == null ? loaded.missing() : whyNot(loaded.kept().facts(), months);
    MrrSeries series = null;
    if (whyNot == null) {
      try {
        series = fromState(loaded.kept(), fingerprints, subscriptions, opportunities, months);
      } catch (Exception damaged) {
        // Spark reports a damaged Parquet file as a SparkException, undeclared: caught here by its supertype.
        LOG.warn("MRR state unusable, computing every month: {}", damaged.toString());
        whyNot = "the MRR state cannot be read (" + damaged.getClass().getSimpleName() + ")";
      }
    }
    if (series == null) {
      series = MrrSeries.compute(subscriptions, opportunities, months, "every month computed: " + whyNot);
    }
    Map<String, Dataset<Row>> parts = new LinkedHashMap<>();
    parts.put(ACCOUNTS, fingerprints);
    parts.put(BY_PRODUCT, series.byProduct());
    parts.put(BY_ACCOUNT, series.byAccount());
    parts.put(PER_PRODUCT, series.perProduct());
    parts.put(PER_ACCOUNT, series.perAccount());
    folder.write(new Facts(runDate.toString(), months.first(), months.last(), config), parts);
    LOG.info("MRR series: {}", series.history());
    return series;
  }

  /** Why the kept series cannot be built on tonight, or null. */
  private String whyNot(Facts kept, ReportedMonths months) {
    if (!config.equals(kept.config())) {
      return "the configuration changed since the MRR state was built";
    }
    if (kept.first() != months.first()) {
      return "the first reported month moved since the MRR state was built";
    }
    return null;
  }

  private static MrrSeries fromState(StateFolder.Kept<Facts> kept, Dataset<Row> fingerprints, Dataset<Row> subscriptions,
      Dataset<Row> opportunities, ReportedMonths months) {
    int since = kept.facts().last();
    Dataset<Row> changed = fingerprints
        .join(kept.part(ACCOUNTS).withColumnRenamed(FINGERPRINT, "_kept"), new String[] {ACCOUNT_ID}, "full_outer")
        .filter(not(col(FINGERPRINT).eqNullSafe(col("_kept"))))
        .select(col(ACCOUNT_ID), lit(true).as(CHANGED))
        .localCheckpoint();
    long changedAccounts = changed.count();

    Dataset<Row> fresh = AccountMrr.byProduct(subscriptions.join(changed, ACCOUNT_ID, "left_semi"), months)
        .unionByName(AccountMrr.byProduct(subscriptions.join(changed, ACCOUNT_ID, "left_anti"), months.from(since)))
        .localCheckpoint();
    Dataset<Row> keptByProduct = unchangedBefore(kept.part(BY_PRODUCT), changed, since);
    Dataset<Row> byProduct = keptByProduct.unionByName(fresh).localCheckpoint();
    Dataset<Row> byAccount = unchangedBefore(kept.part(BY_ACCOUNT), changed, since)
        .unionByName(AccountMrr.byAccount(fresh)).localCheckpoint();
    // The movements of the months computed again, each against the month before: for an
    // unchanged account the month before `since` comes from the state, and its own movements
    // (which would lack their month before) are the state's.
    Dataset<Row> moved = MrrMovements.perProduct(fresh.unionByName(keptByProduct.filter(col(MONTH_INDEX).equalTo(since - 1))),
            byProduct, opportunities, months.last())
        .join(changed, new String[] {ACCOUNT_ID}, "left")
        .filter(col(MONTH_INDEX).geq(since).or(col(CHANGED).isNotNull()))
        .drop(CHANGED)
        .localCheckpoint();
    Dataset<Row> perProduct = unchangedBefore(kept.part(PER_PRODUCT), changed, since).unionByName(moved).localCheckpoint();
    Dataset<Row> perAccount = unchangedBefore(kept.part(PER_ACCOUNT), changed, since)
        .unionByName(MrrMovements.perAccount(moved)).localCheckpoint();
    String history = "built on the MRR state: " + changedAccounts + " account" + (changedAccounts == 1 ? "" : "s")
        + " changed, every account's months from " + Calendar.monthOfIndex(since) + " computed again";
    return new MrrSeries(byProduct, byAccount, perProduct, perAccount, history);
  }

  /** The kept rows of the accounts that did not change, in the months before {@code since}. */
  private static Dataset<Row> unchangedBefore(Dataset<Row> kept, Dataset<Row> changed, int since) {
    return kept.filter(col(MONTH_INDEX).lt(since)).join(changed, new String[] {ACCOUNT_ID}, "left_anti");
  }

  /**
   * Per account, a hash of everything {@link MrrSeries} reads of it: two accounts' rows that hash
   * alike give the same MRR in every month evaluated on the same day.
   */
  static Dataset<Row> fingerprints(Dataset<Row> subscriptions, Dataset<Row> opportunities) {
    Dataset<Row> periods = subscriptions.groupBy(ACCOUNT_ID)
        .agg(hashOf(struct(col("product_id"), col("start_date"), col("end_date"), col(Columns.MRR_BASE))).as("_periods"));
    Dataset<Row> deals = MrrMovements.expansionCloses(opportunities).groupBy(ACCOUNT_ID)
        .agg(hashOf(struct(col("product_id"), col(MONTH_INDEX))).as("_deals"));
    return periods.join(deals, new String[] {ACCOUNT_ID}, "full_outer")
        .select(col(ACCOUNT_ID), concat_ws("/", coalesce(col("_periods"), lit("")), coalesce(col("_deals"), lit(""))).as(FINGERPRINT));
  }

  /** SHA-256 of a group's rows, sorted: the same rows in any order hash alike. */
  private static org.apache.spark.sql.Column hashOf(org.apache.spark.sql.Column row) {
    return sha2(to_json(array_sort(collect_list(row))), 256);
  }

  @Override
  public void close() {
    folder.close();
  }
}

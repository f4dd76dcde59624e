package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnSpec;
import com.saleslift.ingest.ColumnType;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.ParseCache;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules across rows, in the order inputs.md fixes: de-duplicate, then the as-of filter,
 * then foreign keys against accepted parents, then currencies. Tables are taken in dependency
 * order so every parent is final before its children are checked.
 */
public final class Validation {
  private static final Logger LOG = LoggerFactory.getLogger(Validation.class);
  /** The fate of a kept row dated after the as-of. */
  private static final String FUTURE = "FUTURE";
  private final SparkSession spark;
  private final SalesLiftConfig config;
  private final LocalDate runDate;
  private final UsageValidation usage;

  /** Usage events rolled up from every event, no state kept: what `validate` and tests need. */
  public Validation(SparkSession spark, SalesLiftConfig config, LocalDate runDate) {
    this(spark, config, runDate, null, true);
  }

  /**
   * @param usageState where a run keeps its usage rollup for the next one (null: none)
   * @param full build the rollup from every event even if a state could be built on
   */
  public Validation(SparkSession spark, SalesLiftConfig config, LocalDate runDate, UsageState usageState, boolean full) {
    this.spark = spark;
    this.config = config;
    this.runDate = runDate;
    this.usage = new UsageValidation(spark, config, runDate, usageState, full);
  }

  public ValidatedInput validate(Map<CanonicalTable, ParsedTable> parsed) {
    Map<CanonicalTable, Dataset<Row>> accepted = new EnumMap<>(CanonicalTable.class);
    Map<CanonicalTable, TableReport> reports = new EnumMap<>(CanonicalTable.class);
    Map<CanonicalTable, List<Reject>> rejects = new EnumMap<>(CanonicalTable.class);
    Set<CanonicalTable> present = EnumSet.noneOf(CanonicalTable.class);
    Hierarchy hierarchy = null;
    UsageRollup rollup = null;
    for (CanonicalTable table : CanonicalTable.values()) {
      ParsedTable input = parsed.getOrDefault(table, ParsedTable.absent(table));
      if (!input.files().isEmpty()) {
        present.add(table);
      }
      spark.sparkContext().setJobGroup("validate-" + table.tableName(), "validate " + table.tableName(), false);
      long t0 = System.nanoTime();
      Checked checked;
      if (table == CanonicalTable.USAGE_EVENTS) {
        UsageValidation.Outcome outcome = usage.validate(input, accepted,
            (rows, total) -> check(table, rows, total, accepted, true), this::empty);
        checked = outcome.checked();
        rollup = outcome.rollup();
      } else {
        checked = input.acceptedRows() == 0 ? empty(table) : check(table, distributed(spark, input), input.acceptedRows(), accepted, false);
        accepted.put(table, checked.accepted());
      }
      LOG.info("validated {} in {} ms", table.tableName(), (System.nanoTime() - t0) / 1_000_000);
      Dataset<Row> current = checked.accepted();
      List<Reject> tableRejects = new ArrayList<>(input.rejects());
      tableRejects.addAll(checked.rejects());
      tableRejects.sort(java.util.Comparator.comparing(Reject::sourceFile).thenComparingLong(Reject::line));
      rejects.put(table, List.copyOf(tableRejects));
      reports.put(table, report(table, input, checked.acceptedCount(), tableRejects, checked.duplicates(), checked.future()));
      if (table == CanonicalTable.REPS) {
        hierarchy = hierarchyOf(current);
      }
    }
    return new ValidatedInput(accepted, rollup, present, reports, rejects, hierarchy);
  }

  /**
   * One table after the rules across rows: accepted rows (lineage kept) and what was set aside;
   * when asked for, the rows held (kept but dated after the as-of, or orphans) as a later run
   * may accept them.
   */
  record Checked(Dataset<Row> accepted, long acceptedCount, List<Reject> rejects, long duplicates, long future,
      Dataset<Row> held) {}

  private Checked check(CanonicalTable table, Dataset<Row> rows, long total, Map<CanonicalTable, Dataset<Row>> accepted,
      boolean keepHeld) {
    // One pass decides every row's fate (kept, duplicate, conflict, future) and counts them.
    Column future = col(Deduplication.FATE).equalTo(Deduplication.KEEP)
        .and(AsOfFilter.isFuture(table, runDate, config.reportingTimezone()));
    // A table that grows by a file a day (usage events: tens of millions of rows) is kept on disk
    // between steps: held in the heap it leaves too little of a 3 GB heap for the steps themselves.
    StorageLevel keptIn = ParseCache.TABLES.contains(table) ? StorageLevel.DISK_ONLY() : StorageLevel.MEMORY_AND_DISK();
    Dataset<Row> fated = Deduplication.fates(table, rows)
        .withColumn(Deduplication.FATE, when(future, lit(FUTURE)).otherwise(col(Deduplication.FATE)))
        .persist(keptIn);
    Map<String, Long> fates = new HashMap<>();
    fated.groupBy(Deduplication.FATE).count().collectAsList().forEach(r -> fates.put(r.getString(0), r.getLong(1)));
    long distinct = fates.values().stream().mapToLong(Long::longValue).sum();
    long duplicates = total - distinct + fates.getOrDefault(Deduplication.DROP, 0L);

    Dataset<Row> rejected = Rejections.of(fated.filter(col(Deduplication.FATE).equalTo(Deduplication.CONFLICT)),
        RejectReason.DUPLICATE_CONFLICT, String.join(",", table.key()), col(Deduplication.CONFLICT_DETAIL));
    Dataset<Row> current = fated.filter(col(Deduplication.FATE).equalTo(Deduplication.KEEP));
    Dataset<Row> held = fated.filter(col(Deduplication.FATE).equalTo(FUTURE));
    for (ColumnSpec column : table.columns()) {
      if (column.references() == null) {
        continue;
      }
      CanonicalTable parent = CanonicalTable.byName(column.references()).orElseThrow();
      ForeignKeys.Result fk = parent == table
          ? checkSelfReference(current, column)
          : ForeignKeys.check(current, column, accepted.get(parent), ForeignKeys.keyOf(parent));
      current = fk.kept();
      rejected = rejected.unionByName(fk.orphans());
      held = held.unionByName(fk.orphans().drop(Rejections.REASON, Rejections.COLUMN, Rejections.DETAIL));
    }
    if (Currencies.conversionDate(table, runDate).isPresent()) {
      Dataset<Row> rated = Currencies.withRate(table, current, accepted.get(CanonicalTable.FX_RATES),
          config.baseCurrency(), runDate).cache();
      rejected = rejected.unionByName(Currencies.unknown(rated));
      // The rate stays on accepted rows: normalisation converts with it.
      current = rated.filter(col(Currencies.RATE).isNotNull());
    }
    // The checkpoint cuts the lineage: every later stage starts from a plain scan of these rows.
    current = current.drop(Deduplication.FATE, Deduplication.CONFLICT_DETAIL).localCheckpoint(true, keptIn);
    List<Reject> rejects = Rejections.collect(table, rejected);
    long conflicts = fates.getOrDefault(Deduplication.CONFLICT, 0L);
    long acceptedCount = fates.getOrDefault(Deduplication.KEEP, 0L) - (rejects.size() - conflicts);
    held = keepHeld ? held.drop(Deduplication.FATE, Deduplication.CONFLICT_DETAIL).localCheckpoint() : null;
    fated.unpersist();
    return new Checked(current, acceptedCount, rejects, duplicates, fates.getOrDefault(FUTURE, 0L), held);
  }

  /** A header-only or absent table: nothing to check, no Spark job. */
  Checked empty(CanonicalTable table) {
    Dataset<Row> none = spark.createDataFrame(List.<Row>of(), table.schema());
    if (Currencies.conversionDate(table, runDate).isPresent()) {
      none = none.withColumn(Currencies.RATE, lit(null).cast(ColumnType.POSITIVE_DECIMAL.sparkType()));
    }
    return new Checked(none, 0, List.of(), 0, 0, none);
  }

  /**
   * The parsed rows as a distributed Dataset: those in memory, and those the parse cache keeps in
   * Parquet files. Not a local relation: that would embed every row in the query plan, and plans
   * are printed and copied at every step.
   */
  static Dataset<Row> distributed(SparkSession spark, ParsedTable input) {
    StructType schema = input.table().schema();
    String[] dataFiles = input.cached().stream().filter(f -> f.rows() > 0).map(ParsedTable.CachedFile::data).toArray(String[]::new);
    Dataset<Row> inFiles = dataFiles.length == 0 ? null : spark.read().schema(schema).parquet(dataFiles);
    if (input.rows().isEmpty()) {
      return inFiles;
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = input.rows().size() / 5_000 + 1;
    Dataset<Row> inMemory = spark.createDataFrame(context.parallelize(input.rows(), slices), schema);
    return inFiles == null ? inMemory : inMemory.unionByName(inFiles);
  }

  /**
   * reps.manager_id points into reps itself: a rep whose manager was rejected is an orphan, so
   * its own reports become orphans next; repeat until no new orphan appears.
   */
  private ForeignKeys.Result checkSelfReference(Dataset<Row> reps, ColumnSpec managerId) {
    Dataset<Row> kept = reps;
    Dataset<Row> orphans = null;
    while (true) {
      ForeignKeys.Result round = ForeignKeys.check(kept, managerId, kept, ForeignKeys.keyOf(CanonicalTable.REPS));
      Dataset<Row> found = round.orphans().localCheckpoint();
      if (found.isEmpty()) {
        return new ForeignKeys.Result(kept, orphans == null ? found : orphans);
      }
      orphans = orphans == null ? found : orphans.unionByName(found);
      kept = round.kept().localCheckpoint();
    }
  }

  /** The manager links of the accepted reps; a cycle refuses the run. */
  private static Hierarchy hierarchyOf(Dataset<Row> reps) {
    Map<String, String> managerOf = new HashMap<>();
    for (Row r : reps.select("rep_id", "manager_id").collectAsList()) {
      managerOf.put(r.getString(0), r.isNullAt(1) ? null : r.getString(1));
    }
    Hierarchy hierarchy = new Hierarchy(managerOf);
    hierarchy.cycle().ifPresent(cycle -> {
      throw new InputRefusedException("reps: the manager_id links form a cycle: " + String.join(" -> ", cycle) + " -> " + cycle.get(0));
    });
    return hierarchy;
  }

  private static TableReport report(CanonicalTable table, ParsedTable input, long accepted, List<Reject> rejects,
      long duplicates, long future) {
    TreeMap<RejectReason, Long> byReason = new TreeMap<>();
    rejects.forEach(r -> byReason.merge(r.reason(), 1L, Long::sum));
    return new TableReport(table.tableName(), input.files(), input.rowsRead(), accepted, byReason, duplicates, future,
        input.warnings());
  }
}

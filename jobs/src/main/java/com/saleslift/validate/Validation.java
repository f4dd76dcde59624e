package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnSpec;
import com.saleslift.ingest.ColumnType;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import com.saleslift.spark.JobGroup;
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
 * The rules across rows, in the order docs/inputs.md fixes: de-duplicate, then the as-of filter,
 * then foreign keys against accepted parents, then currencies. Tables are taken in dependency
 * order so every parent is final before its children are checked. The tables parsed into the
 * driver's memory go through {@link RowRules} there and are loaded into Spark once, accepted;
 * usage events go through the same rules as Spark queries, built on the kept state by
 * {@link UsageValidation}.
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

  /**
   * Applies the rules across rows to every table. Takes each table out of {@code parsed} as it
   * goes: once Spark holds a table's accepted rows, its parsed rows can leave the driver's heap
   * (a million-account company's CRM rows held to the end of the stage, beside their Spark copies,
   * ran a 3 GB driver out of memory).
   */
  public ValidatedInput validate(Map<CanonicalTable, ParsedTable> parsed) {
    Map<CanonicalTable, Dataset<Row>> accepted = new EnumMap<>(CanonicalTable.class);
    Map<CanonicalTable, TableReport> reports = new EnumMap<>(CanonicalTable.class);
    Map<CanonicalTable, List<Reject>> rejects = new EnumMap<>(CanonicalTable.class);
    Set<CanonicalTable> present = EnumSet.noneOf(CanonicalTable.class);
    RowRules rules = new RowRules(runDate, config.reportingTimezone(), config.baseCurrency());
    Hierarchy hierarchy = null;
    UsageRollup rollup = null;
    for (CanonicalTable table : CanonicalTable.values()) {
      ParsedTable removed = parsed.remove(table);
      ParsedTable input = removed == null ? ParsedTable.absent(table) : removed;
      if (!input.files().isEmpty()) {
        present.add(table);
      }
      long t0 = System.nanoTime();
      Checked checked;
      try (JobGroup group = JobGroup.of(spark.sparkContext(), "validate", table.tableName(), "validate " + table.tableName())) {
        if (table == CanonicalTable.USAGE_EVENTS) {
          UsageValidation.Outcome outcome = usage.validate(input, accepted,
              events -> check(events, accepted), this::empty);
          checked = outcome.checked();
          rollup = outcome.rollup();
        } else {
          RowRules.Outcome outcome = rules.apply(table, input.rows());
          if (table == CanonicalTable.REPS) {
            hierarchy = hierarchyOf(outcome.accepted());
          }
          Dataset<Row> rows = outcome.accepted().isEmpty() ? empty(table).accepted()
              : distributed(spark, outcome.accepted(), acceptedSchema(table)).localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
          checked = new Checked(rows, outcome.accepted().size(), outcome.rejects(), outcome.duplicates(), outcome.future(), null);
          accepted.put(table, rows);
        }
      }
      LOG.info("validated {} in {} ms", table.tableName(), (System.nanoTime() - t0) / 1_000_000);
      List<Reject> tableRejects = new ArrayList<>(input.rejects());
      tableRejects.addAll(checked.rejects());
      tableRejects.sort(java.util.Comparator.comparing(Reject::sourceFile).thenComparingLong(Reject::line));
      rejects.put(table, List.copyOf(tableRejects));
      reports.put(table, report(table, input, checked.acceptedCount(), tableRejects, checked.duplicates(), checked.future()));
    }
    return new ValidatedInput(accepted, rollup, present, reports, rejects, hierarchy);
  }

  /** A table's accepted rows: its schema, and on a money table the rate to the base currency last. */
  private static StructType acceptedSchema(CanonicalTable table) {
    StructType schema = table.schema();
    return Currencies.hasMoney(table) ? schema.add(Currencies.RATE, ColumnType.POSITIVE_DECIMAL.sparkType(), true) : schema;
  }

  /**
   * Usage events after the rules across rows, as Spark queries: accepted rows (lineage kept),
   * what was set aside, and the rows held (kept but dated after the as-of, or orphans) as a
   * later run may accept them.
   */
  record Checked(Dataset<Row> accepted, long acceptedCount, List<Reject> rejects, long duplicates, long future,
      Dataset<Row> held) {}

  /**
   * Usage event rows going through the rules across rows.
   *
   * @param count how many rows were read
   * @param sharedKeys the event_id hashes more than one of them has ({@link Deduplication#fates}); null when unknown
   */
  record Events(Dataset<Row> rows, long count, long[] sharedKeys) {}

  private Checked check(Events events, Map<CanonicalTable, Dataset<Row>> accepted) {
    CanonicalTable table = CanonicalTable.USAGE_EVENTS;
    Column kept = col(Deduplication.FATE).equalTo(Deduplication.KEEP);
    Column afterAsOf = kept.and(AsOfFilter.isFuture(table, runDate, config.reportingTimezone()));
    Dataset<Row> marked = ForeignKeys.unmarked(Deduplication.fates(events.rows(), events.sharedKeys())
        .withColumn(Deduplication.FATE, when(afterAsOf, lit(FUTURE)).otherwise(col(Deduplication.FATE))));
    List<ColumnSpec> references = table.columns().stream().filter(c -> c.references() != null).toList();
    for (ColumnSpec column : references) {
      CanonicalTable parent = CanonicalTable.byName(column.references()).orElseThrow();
      marked = ForeignKeys.mark(marked, kept, column, accepted.get(parent), ForeignKeys.keyOf(parent));
    }
    // One pass decides every row's fate (kept, duplicate, future, orphan) and keeps them on disk:
    // held in the heap, tens of millions of rows leave too little of a 3 GB heap for the steps
    // themselves. The checkpoint cuts the lineage: every later step starts from a plain scan.
    marked = marked.localCheckpoint(true, StorageLevel.DISK_ONLY());
    // What is not simply kept is a handful of rows: taken out once, then counted and split.
    Dataset<Row> exceptions = marked.filter(not(kept).or(col(ForeignKeys.ORPHAN_OF).isNotNull())).localCheckpoint();
    Map<String, Long> fates = new HashMap<>();
    exceptions.groupBy(Deduplication.FATE).count().collectAsList().forEach(r -> fates.put(r.getString(0), r.getLong(1)));
    long distinct = marked.count();
    long duplicates = events.count() - distinct + fates.getOrDefault(Deduplication.DROP, 0L);
    long future = fates.getOrDefault(FUTURE, 0L);

    Dataset<Row> rejected = null;
    for (ColumnSpec column : references) {
      Dataset<Row> orphans = ForeignKeys.orphans(exceptions, column);
      rejected = rejected == null ? orphans : rejected.unionByName(orphans);
    }
    List<Reject> rejects = rejected == null ? List.of() : Rejections.collect(table, rejected);
    for (ColumnSpec column : references) {
      CanonicalTable parent = CanonicalTable.byName(column.references()).orElseThrow();
      rejects = ForeignKeys.withNearMisses(rejects, column, accepted.get(parent), ForeignKeys.keyOf(parent));
    }
    long acceptedCount = distinct - fates.getOrDefault(Deduplication.DROP, 0L) - future - rejects.size();
    Dataset<Row> held = exceptions.filter(col(Deduplication.FATE).equalTo(FUTURE).or(col(ForeignKeys.ORPHAN_OF).isNotNull()))
        .drop(Deduplication.FATE, ForeignKeys.ORPHAN_OF);
    Dataset<Row> current = marked.filter(kept.and(col(ForeignKeys.ORPHAN_OF).isNull()))
        .drop(Deduplication.FATE, ForeignKeys.ORPHAN_OF);
    return new Checked(current, acceptedCount, rejects, duplicates, future, held);
  }

  /** A header-only or absent table: nothing to check, no Spark job. */
  Checked empty(CanonicalTable table) {
    Dataset<Row> none = spark.createDataFrame(List.<Row>of(), acceptedSchema(table));
    return new Checked(none, 0, List.of(), 0, 0, none);
  }

  /**
   * The parsed rows as a distributed Dataset: those in memory, and those the parse cache keeps in
   * Parquet files. Not a local relation: that would embed every row in the query plan, and plans
   * are printed and copied at every step.
   */
  static Dataset<Row> distributed(SparkSession spark, ParsedTable input) {
    StructType schema = input.table().schema();
    Dataset<Row> inFiles = cachedRows(spark, schema, input.cached());
    if (input.rows().isEmpty()) {
      return inFiles;
    }
    Dataset<Row> inMemory = distributed(spark, input.rows(), schema);
    return inFiles == null ? inMemory : inMemory.unionByName(inFiles);
  }

  /** The rows the parse cache keeps for some files, read by Spark; null when none holds a row. */
  static Dataset<Row> cachedRows(SparkSession spark, StructType schema, List<ParsedTable.CachedFile> files) {
    String[] data = files.stream().filter(f -> f.rows() > 0).map(f -> f.data().toString()).toArray(String[]::new);
    return data.length == 0 ? null : spark.read().schema(schema).parquet(data);
  }

  private static Dataset<Row> distributed(SparkSession spark, List<Row> rows, StructType schema) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(context.parallelize(rows, rows.size() / 5_000 + 1), schema);
  }

  /** The manager links of the accepted reps; a cycle refuses the run. */
  private static Hierarchy hierarchyOf(List<Row> reps) {
    List<String> columns = CanonicalTable.REPS.columnNames();
    int rep = columns.indexOf("rep_id");
    int manager = columns.indexOf("manager_id");
    Map<String, String> managerOf = new HashMap<>();
    for (Row r : reps) {
      managerOf.put(r.getString(rep), r.getString(manager));
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

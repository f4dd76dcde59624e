package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.RejectReason;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * De-duplication by the rules of inputs.md, compared on parsed values: identical rows are
 * dropped and counted; then per key, opportunities keep their newest version (a tie between
 * different rows is DUPLICATE_CONFLICT for every version), usage events keep the earliest
 * occurrence, and any other table with two different rows under one key rejects them all.
 */
public final class Deduplication {

  /** Rows kept, rows dropped as duplicates (a count) and rows rejected as conflicts. */
  public record Result(Dataset<Row> kept, long duplicatesDropped, Dataset<Row> conflicts) {}

  private static final String N = "_n";
  private static final String NEWEST = "_newest";
  /** A NULL last_modified_at counts as oldest. */
  private static final Column OLDEST = lit(Instant.EPOCH.minusSeconds(86_400L * 365 * 3000));

  private Deduplication() {}

  public static Result apply(CanonicalTable table, Dataset<Row> rows) {
    Dataset<Row> distinct = dropIdentical(table, rows).cache();
    long identical = rows.count() - distinct.count();
    Result byKey = switch (table) {
      case OPPORTUNITIES -> keepNewest(table, distinct);
      case USAGE_EVENTS -> keepEarliestEvent(table, distinct);
      default -> rejectConflicts(table, distinct);
    };
    return new Result(byKey.kept(), identical + byKey.duplicatesDropped(), byKey.conflicts());
  }

  /** One row of each group of rows equal in every column; the first by file and line is kept. */
  static Dataset<Row> dropIdentical(CanonicalTable table, Dataset<Row> rows) {
    WindowSpec same = Window.partitionBy(columns(table.columnNames()))
        .orderBy(col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_LINE));
    return rows.withColumn(N, row_number().over(same)).filter(col(N).equalTo(1)).drop(N);
  }

  static Result keepNewest(CanonicalTable table, Dataset<Row> distinct) {
    WindowSpec perKey = Window.partitionBy(columns(table.key()));
    Column modified = when(col("last_modified_at").isNull(), OLDEST).otherwise(col("last_modified_at"));
    Dataset<Row> marked = distinct
        .withColumn(NEWEST, modified.equalTo(max(modified).over(perKey)))
        .withColumn(N, sum(when(col(NEWEST), 1).otherwise(0)).over(perKey))
        .cache();
    Dataset<Row> conflicts = Rejections.of(marked.filter(col(N).gt(1)), RejectReason.DUPLICATE_CONFLICT,
            "last_modified_at", concat(col(N).cast("string"), lit(" different rows share the newest last_modified_at")))
        .drop(NEWEST, N);
    Dataset<Row> clean = marked.filter(col(N).equalTo(1));
    Dataset<Row> kept = clean.filter(col(NEWEST)).drop(NEWEST, N);
    long older = clean.filter(not(col(NEWEST))).count();
    return new Result(kept, older, conflicts);
  }

  static Result keepEarliestEvent(CanonicalTable table, Dataset<Row> distinct) {
    WindowSpec first = Window.partitionBy(columns(table.key()))
        .orderBy(col("occurred_at"), col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_LINE));
    Dataset<Row> ranked = distinct.withColumn(N, row_number().over(first)).cache();
    long repeats = ranked.filter(col(N).gt(1)).count();
    // Repeated event ids are never a conflict: the earliest is kept, the rest counted.
    Dataset<Row> none = Rejections.of(ranked.limit(0).drop(N), RejectReason.DUPLICATE_CONFLICT, "", lit(""));
    return new Result(ranked.filter(col(N).equalTo(1)).drop(N), repeats, none);
  }

  static Result rejectConflicts(CanonicalTable table, Dataset<Row> distinct) {
    Dataset<Row> counted = distinct.withColumn(N, count(lit(1)).over(Window.partitionBy(columns(table.key()))));
    Dataset<Row> conflicts = Rejections.of(counted.filter(col(N).gt(1)), RejectReason.DUPLICATE_CONFLICT,
            String.join(",", table.key()), concat(col(N).cast("string"), lit(" different rows share this key")))
        .drop(N);
    return new Result(counted.filter(col(N).equalTo(1)).drop(N), 0, conflicts);
  }

  static Column[] columns(java.util.List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}

package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.ingest.CanonicalTable;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * De-duplication by the rules of inputs.md, compared on parsed values. Identical rows are
 * dropped (the first by file and line stays). Then each remaining row gets a fate per key:
 * opportunities keep their newest version (a tie between different rows at the newest makes
 * every version a conflict), usage events keep the earliest occurrence, and any other table
 * with two different rows under one key has every one of them in conflict.
 */
public final class Deduplication {
  /** The fate column: {@link #KEEP}, {@link #DROP} (a duplicate, counted) or {@link #CONFLICT} (rejected). */
  public static final String FATE = "_fate";
  public static final String KEEP = "KEEP";
  public static final String DROP = "DROP";
  public static final String CONFLICT = "CONFLICT";
  /** Why a row is in conflict, for its reject. */
  public static final String CONFLICT_DETAIL = "_conflict_detail";

  private static final String N = "_n";
  /** A NULL last_modified_at counts as oldest. */
  private static final Column OLDEST = lit(Instant.EPOCH.minusSeconds(86_400L * 365 * 3000));

  private Deduplication() {}

  /** The rows left after identical ones are dropped, each with its {@link #FATE}. */
  public static Dataset<Row> fates(CanonicalTable table, Dataset<Row> rows) {
    // Identical events share their event_id and time, so keeping the earliest per id (ties by
    // file and line) keeps what dropping identical rows first would, without a sort of every
    // column of the largest table.
    Dataset<Row> distinct = table == CanonicalTable.USAGE_EVENTS ? rows : dropIdentical(table, rows);
    WindowSpec perKey = Window.partitionBy(columns(table.key()));
    return switch (table) {
      case OPPORTUNITIES -> {
        Column modified = when(col("last_modified_at").isNull(), OLDEST).otherwise(col("last_modified_at"));
        Column newest = modified.equalTo(max(modified).over(perKey));
        yield distinct.withColumn(N, sum(when(newest, 1).otherwise(0)).over(perKey))
            .withColumn(FATE, when(col(N).gt(1), lit(CONFLICT)).when(newest, lit(KEEP)).otherwise(lit(DROP)))
            .withColumn(CONFLICT_DETAIL, concat(col(N).cast("string"), lit(" different rows share the newest last_modified_at")))
            .drop(N);
      }
      case USAGE_EVENTS -> distinct
          .withColumn(N, row_number().over(perKey.orderBy(
              col("occurred_at"), col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_LINE))))
          .withColumn(FATE, when(col(N).equalTo(1), lit(KEEP)).otherwise(lit(DROP)))
          .withColumn(CONFLICT_DETAIL, lit(""))
          .drop(N);
      default -> distinct.withColumn(N, count(lit(1)).over(perKey))
          .withColumn(FATE, when(col(N).gt(1), lit(CONFLICT)).otherwise(lit(KEEP)))
          .withColumn(CONFLICT_DETAIL, concat(col(N).cast("string"), lit(" different rows share this key")))
          .drop(N);
    };
  }

  /** One row of each group of rows equal in every column; the first by file and line is kept. */
  static Dataset<Row> dropIdentical(CanonicalTable table, Dataset<Row> rows) {
    WindowSpec same = Window.partitionBy(columns(table.columnNames()))
        .orderBy(col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_LINE));
    return rows.withColumn(N, row_number().over(same)).filter(col(N).equalTo(1)).drop(N);
  }

  static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}

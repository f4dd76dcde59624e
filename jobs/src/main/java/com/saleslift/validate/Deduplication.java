package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import com.saleslift.ingest.CanonicalTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * De-duplication of usage events by the rules of inputs.md, as a Spark query (the tables held
 * in memory are de-duplicated by {@link RowRules}): each event_id keeps its earliest
 * occurrence, ties by file and line. Identical events share their event_id and time, so this
 * also drops identical rows, without a sort of every column of the largest table.
 */
public final class Deduplication {
  /** The fate column: {@link #KEEP} or {@link #DROP} (a duplicate, counted). */
  public static final String FATE = "_fate";
  public static final String KEEP = "KEEP";
  public static final String DROP = "DROP";

  private static final String N = "_n";

  private Deduplication() {}

  /** The events, each with its {@link #FATE}. */
  public static Dataset<Row> fates(Dataset<Row> events) {
    return events
        .withColumn(N, row_number().over(Window.partitionBy(col("event_id")).orderBy(
            col("occurred_at"), col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_LINE))))
        .withColumn(FATE, when(col(N).equalTo(1), lit(KEEP)).otherwise(lit(DROP)))
        .drop(N);
  }
}

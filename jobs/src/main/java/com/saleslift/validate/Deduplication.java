package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.KeyHashes;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * De-duplication of usage events by the rules of docs/inputs.md, as a Spark query (the tables held
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

  /**
   * The events, each with its {@link #FATE}.
   *
   * @param shared the {@link KeyHashes} of the event_ids that may repeat (Spark's xxhash64):
   *     the rest are kept without ranking; null when any may repeat
   */
  public static Dataset<Row> fates(Dataset<Row> events, long[] shared) {
    if (shared == null) {
      return ranked(events);
    }
    // Ranking sorts every event by its event_id (on the benchmark company, 10 million of them
    // shuffled and sorted: the costliest step of validating a full history); an event whose key
    // hash no other event has is kept without it.
    Column mayRepeat = xxhash64(col("event_id")).isin(Arrays.stream(shared).boxed().toArray());
    Dataset<Row> alone = events.filter(not(mayRepeat)).withColumn(FATE, lit(KEEP));
    return shared.length == 0 ? alone : alone.unionByName(ranked(events.filter(mayRepeat)));
  }

  private static Dataset<Row> ranked(Dataset<Row> events) {
    return events
        .withColumn(N, row_number().over(Window.partitionBy(col("event_id")).orderBy(
            col("occurred_at"), col(CanonicalTable.SOURCE_FILE), col(CanonicalTable.SOURCE_LINE))))
        .withColumn(FATE, when(col(N).equalTo(1), lit(KEEP)).otherwise(lit(DROP)))
        .drop(N);
  }
}

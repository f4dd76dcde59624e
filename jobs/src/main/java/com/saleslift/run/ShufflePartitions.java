package com.saleslift.run;

import com.saleslift.ingest.ParsedTable;
import com.saleslift.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import org.apache.spark.sql.SparkSession;

/**
 * How many partitions a shuffle cuts a table into, unless the user set it (`--conf
 * spark.sql.shuffle.partitions`): one per core, and one per {@link #INPUT_PER_PARTITION} of input
 * files when that is more. One company's tables are small, so Spark's own 200 is mostly task
 * overhead (the sample's nightly took 305 s instead of 97 s on a 2-core worker); but one
 * partition per core on a million accounts had each task sort half a table for a join, and the
 * run failed for want of memory. Spark's adaptive execution merges partitions a shuffle leaves
 * small, so the count is a ceiling for small tables, not a cost.
 */
public final class ShufflePartitions {
  static final String SETTING = "spark.sql.shuffle.partitions";
  static final long INPUT_PER_PARTITION = 64L << 20;

  private ShufflePartitions() {}

  static int forInput(long inputBytes, int cores) {
    return (int) Math.max(Math.max(2, cores), (inputBytes + INPUT_PER_PARTITION - 1) / INPUT_PER_PARTITION);
  }

  /** Sets the count for this many bytes of input, if the user did not set it. */
  public static void size(SparkSession spark, long inputBytes) {
    if (!spark.sparkContext().getConf().contains(SETTING)) {
      spark.conf().set(SETTING, Integer.toString(forInput(inputBytes, spark.sparkContext().defaultParallelism())));
    }
  }

  /** The bytes of the files the tables were read from (a file that cannot be sized counts nothing). */
  public static long inputBytes(Collection<ParsedTable> tables) {
    long bytes = 0;
    for (ParsedTable table : tables) {
      for (String file : table.files()) {
        try {
          bytes += Files.size(Storage.path(file));
        } catch (IOException | RuntimeException unsized) {
          // Only a size hint: an export object listed by name is sized by the files beside it.
        }
      }
    }
    return bytes;
  }
}

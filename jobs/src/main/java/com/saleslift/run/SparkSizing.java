package com.saleslift.run;

import com.saleslift.ingest.ParsedTable;
import com.saleslift.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's settings chosen from the size of a run's input, each only where the user did not set
 * it (`--conf` or `-Dspark...`).
 *
 * <p>Shuffle partitions: one per core, and one per {@link #INPUT_PER_PARTITION} of input files
 * when that is more. One company's tables are small, so Spark's own 200 is mostly task overhead
 * (the sample's nightly took 305 s instead of 97 s on a 2-core worker); but one partition per
 * core on a million accounts had each task sort half a table for a join, and the run failed for
 * want of memory.
 *
 * <p>Small inputs run small: an input that fits in one partition ({@link #SMALL_INPUT}) turns
 * off adaptive execution and code generation. Adaptive execution runs every shuffle of a query
 * as a job of its own, to re-plan from its statistics; generated code is compiled before the
 * first row moves. On a few thousand rows both cost more than they save: the sample's nightly
 * (4 MB) ran 198 Spark jobs with them and 63 without, and spent about 30 s less CPU, with every
 * published table byte-identical. Bigger inputs keep Spark's defaults.
 */
public final class SparkSizing {
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final long INPUT_PER_PARTITION = 64L << 20;
  static final long SMALL_INPUT = INPUT_PER_PARTITION;
  /** What a small input sets; a bigger input in the same session puts Spark's defaults back. */
  static final Map<String, String> SMALL_SETTINGS = Map.of(
      "spark.sql.adaptive.enabled", "false",
      "spark.sql.codegen.wholeStage", "false",
      // Expressions evaluated by Spark's interpreter instead of compiled, like whole stages above.
      "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  private SparkSizing() {}

  static int shufflePartitions(long inputBytes, int cores) {
    return (int) Math.max(Math.max(2, cores), (inputBytes + INPUT_PER_PARTITION - 1) / INPUT_PER_PARTITION);
  }

  static boolean small(long inputBytes) {
    return inputBytes <= SMALL_INPUT;
  }

  /** Readies a session for a run on these tables: sized for their bytes, dates cut in the reporting zone. */
  public static void forInput(SparkSession spark, java.time.ZoneId reportingZone, Collection<ParsedTable> tables) {
    apply(spark, inputBytes(tables));
    // Every Spark date function then cuts days, months and quarters in the reporting zone.
    spark.conf().set("spark.sql.session.timeZone", reportingZone.getId());
  }

  /** Sizes the session for this many bytes of input. */
  public static void apply(SparkSession spark, long inputBytes) {
    var userSet = spark.sparkContext().getConf();
    if (!userSet.contains(SHUFFLE_PARTITIONS)) {
      spark.conf().set(SHUFFLE_PARTITIONS, Integer.toString(shufflePartitions(inputBytes, spark.sparkContext().defaultParallelism())));
    }
    SMALL_SETTINGS.forEach((key, value) -> {
      if (userSet.contains(key)) {
        return;
      }
      if (small(inputBytes)) {
        spark.conf().set(key, value);
      } else {
        spark.conf().unset(key);
      }
    });
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

package com.saleslift.validate;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.spark.StateFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a nightly run keeps of usage events so the next one need not read them again
 * (`<output>/_state/usage/`, a {@link StateFolder}): the {@link UsageRollup} groups and earliest
 * times of every event accepted so far, its daily counts of the recent days, and the rows held
 * aside in full because a later run may decide them differently (dated after the as-of, or
 * pointing at an account or product not accepted yet). Its facts name the parsed files it was
 * built from (by the name the parse cache gave their rows, new at every parse), the as-of, and
 * the counts the validation report needs.
 */
public final class UsageState implements AutoCloseable {
  /** Bumped when what the state holds, or a rule it was built with, changes. */
  static final int VERSION = 5;
  private static final Map<String, org.apache.spark.sql.types.StructType> PARTS = parts();

  /**
   * @param files parsed input file -> the parse cache's name for its rows
   * @param accepted events in the groups
   * @param duplicates repeated events dropped so far
   * @param held rows held aside
   */
  record Facts(String asOf, Map<String, String> files, long accepted, long duplicates, long held) {}

  /** The state as the last run left it. */
  record Snapshot(Facts facts, Dataset<Row> groups, Dataset<Row> earliest, Dataset<Row> held, Dataset<Row> daily) {
    Instant asOf() {
      return Instant.parse(facts.asOf());
    }
  }

  /** A snapshot, or the reason there is none. */
  record Result(Snapshot snapshot, String missing) {}

  private final StateFolder<Facts> folder;

  private UsageState(StateFolder<Facts> folder) {
    this.folder = folder;
  }

  /** The state folder, locked until {@link #close}. */
  public static UsageState open(Path dir) {
    return new UsageState(StateFolder.open(dir, "usage state", VERSION, Facts.class, PARTS));
  }

  private static Map<String, org.apache.spark.sql.types.StructType> parts() {
    Map<String, org.apache.spark.sql.types.StructType> parts = new LinkedHashMap<>();
    parts.put("groups", UsageRollup.GROUPS);
    parts.put("earliest", UsageRollup.EARLIEST_TIMES);
    parts.put("held", CanonicalTable.USAGE_EVENTS.schema());
    parts.put("daily", UsageRollup.DAILY);
    return parts;
  }

  /** The last state, or why there is none to build on. */
  Result load(SparkSession spark) {
    StateFolder.Loaded<Facts> loaded = folder.load(spark);
    if (loaded.kept() == null) {
      return new Result(null, loaded.missing());
    }
    StateFolder.Kept<Facts> kept = loaded.kept();
    return new Result(new Snapshot(kept.facts(), kept.part("groups"), kept.part("earliest"), kept.part("held"),
        kept.part("daily")), null);
  }

  /** Writes a new version and makes it the current one; the previous versions go. */
  void write(Instant asOf, Map<String, String> files, long accepted, long duplicates,
      Dataset<Row> groups, Dataset<Row> earliest, Dataset<Row> held, Dataset<Row> daily) {
    folder.write(new Facts(asOf.toString(), files, accepted, duplicates, held.count()),
        Map.of("groups", groups, "earliest", earliest, "held", held, "daily", daily));
  }

  @Override
  public void close() {
    folder.close();
  }
}

package com.saleslift.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.storage.Checksums;
import com.saleslift.storage.FileLocks;
import com.saleslift.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a nightly run keeps of usage events so the next one need not read them again
 * (`<output>/_state/usage/`): the {@link UsageRollup} groups and earliest times of every event
 * accepted so far, its daily counts of the recent days, and the rows held aside in full because a later run may decide them
 * differently (dated after the as-of, or pointing at an account or product not accepted yet).
 * A manifest names the parsed files it was built from (by the name the parse cache gave their
 * rows, new at every parse), the as-of, and the counts the validation report needs.
 *
 * <p>Each version lives in a folder of its own and the manifest is replaced atomically last, so
 * a run killed half-way leaves the previous state whole; a lock keeps two runs apart.
 */
public final class UsageState implements AutoCloseable {
  /** Bumped when what the state holds, or a rule it was built with, changes. */
  static final int VERSION = 4;
  private static final String MANIFEST = "manifest.json";
  private static final List<String> PARTS = List.of("groups", "earliest", "held", "daily");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param files parsed input file -> the parse cache's name for its rows
   * @param accepted events in the groups
   * @param duplicates repeated events dropped so far
   * @param held rows held aside
   * @param checksums per part (groups, earliest, held), the CRC-32C of each of its Parquet files
   */
  record Manifest(int version, String asOf, Map<String, String> files, long accepted, long duplicates, long held,
      String folder, Map<String, Map<String, Long>> checksums) {}

  /** The state as the last run left it. */
  record Snapshot(Manifest manifest, Dataset<Row> groups, Dataset<Row> earliest, Dataset<Row> held, Dataset<Row> daily) {
    Instant asOf() {
      return Instant.parse(manifest.asOf());
    }
  }

  private final Path dir;
  private final FileLocks.Held lock;

  private UsageState(Path dir, FileLocks.Held lock) {
    this.dir = dir;
    this.lock = lock;
  }

  /** The state folder, locked until {@link #close}. */
  public static UsageState open(Path dir) {
    try {
      Files.createDirectories(dir);
      return new UsageState(dir, FileLocks.lock(dir.resolve(".lock")));
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The last state, or why there is none to build on. Every byte of its Parquet files is checked
   * against the checksums written with it before Spark is handed them: a damaged state means
   * reading every event, never numbers from a file that changed since.
   */
  Result load(SparkSession spark) {
    Manifest m;
    try {
      m = JSON.readValue(Files.newInputStream(dir.resolve(MANIFEST)), Manifest.class);
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException missing) {
      return Result.none("there is no usage state yet");
    } catch (IOException | RuntimeException unreadable) {
      return Result.none("the usage state's manifest cannot be read (" + unreadable.getClass().getSimpleName() + ")");
    }
    if (m.version() != VERSION) {
      return Result.none("the usage state was written by another version");
    }
    Path version = dir.resolve(m.folder());
    for (String part : PARTS) {
      if (!Files.exists(version.resolve(part).resolve("_SUCCESS"))) {
        return Result.none("the usage state's " + part + " are incomplete");
      }
      if (!intact(version.resolve(part), m.checksums().get(part))) {
        return Result.none("the usage state's " + part + " are damaged");
      }
    }
    return new Result(new Snapshot(m,
        spark.read().schema(UsageRollup.GROUPS).parquet(version.resolve("groups").toString()),
        spark.read().schema(UsageRollup.EARLIEST_TIMES).parquet(version.resolve("earliest").toString()),
        spark.read().schema(CanonicalTable.USAGE_EVENTS.schema()).parquet(version.resolve("held").toString()),
        spark.read().schema(UsageRollup.DAILY).parquet(version.resolve("daily").toString())), null);
  }

  /** Every Parquet file of a part as it was written: the same files, every byte the same. */
  private static boolean intact(Path part, Map<String, Long> written) {
    try {
      return Checksums.ofFolder(part, ".parquet").equals(written);
    } catch (IOException e) {
      return false;
    }
  }

  /** A snapshot, or the reason there is none. */
  record Result(Snapshot snapshot, String missing) {
    static Result none(String why) {
      return new Result(null, why);
    }
  }

  /** Writes a new version and makes it the current one; the previous versions go. */
  void write(Instant asOf, Map<String, String> files, long accepted, long duplicates, Dataset<Row> groups,
      Dataset<Row> earliest, Dataset<Row> held, Dataset<Row> daily) {
    String folder = "v-" + UUID.randomUUID();
    Path version = dir.resolve(folder);
    groups.write().parquet(version.resolve("groups").toString());
    earliest.write().parquet(version.resolve("earliest").toString());
    held.write().parquet(version.resolve("held").toString());
    daily.write().parquet(version.resolve("daily").toString());
    try {
      Map<String, Map<String, Long>> checksums = new TreeMap<>();
      for (String part : PARTS) {
        checksums.put(part, Checksums.ofFolder(version.resolve(part), ".parquet"));
      }
      Manifest manifest = new Manifest(VERSION, asOf.toString(), files, accepted, duplicates, held.count(), folder,
          checksums);
      Storage.replace(dir.resolve(MANIFEST), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.filter(p -> p.getFileName().toString().startsWith("v-") && !p.equals(version)).toList()) {
          Storage.deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

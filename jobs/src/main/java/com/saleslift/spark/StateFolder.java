package com.saleslift.spark;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.storage.Checksums;
import com.saleslift.storage.FileLocks;
import com.saleslift.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What a nightly run keeps for the next one (`<output>/_state/<name>/`): named Parquet parts and
 * the facts written with them (a record, as JSON). Each version lives in a folder of its own and
 * the manifest naming it is replaced atomically last, so a run killed half-way leaves the
 * previous state whole; a lock keeps two runs apart. Every byte of the parts is checked against
 * the CRC-32C written with them before Spark is handed them: a damaged state means computing
 * again, never numbers from a file that changed since.
 *
 * @param <F> the facts kept beside the parts
 */
public final class StateFolder<F> implements AutoCloseable {
  private static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The manifest: the version of what the state holds, its folder, its facts, and per part the CRC-32C of each Parquet file. */
  record Manifest<F>(int version, String folder, F facts, Map<String, Map<String, Long>> checksums) {}

  /** The state as the last run left it: its facts and its parts, by name. */
  public record Kept<F>(F facts, Map<String, Dataset<Row>> parts) {
    public Dataset<Row> part(String name) {
      return parts.get(name);
    }
  }

  /** A kept state, or why there is none to build on (for run.json and the log). */
  public record Loaded<F>(Kept<F> kept, String missing) {}

  private final Path dir;
  private final String what;
  private final int version;
  private final Map<String, StructType> parts;
  private final JavaType manifestType;
  private final FileLocks.Held lock;

  private StateFolder(Path dir, String what, int version, Class<F> facts, Map<String, StructType> parts, FileLocks.Held lock) {
    this.dir = dir;
    this.what = what;
    this.version = version;
    this.parts = parts;
    this.manifestType = JSON.getTypeFactory().constructParametricType(Manifest.class, facts);
    this.lock = lock;
  }

  /**
   * The state folder, locked until {@link #close}.
   *
   * @param what how messages name it ("usage state")
   * @param version bumped when what the state holds, or a rule it was built with, changes
   * @param parts each part's name and schema, in the order they are written
   */
  public static <F> StateFolder<F> open(Path dir, String what, int version, Class<F> facts, Map<String, StructType> parts) {
    try {
      Files.createDirectories(dir);
      return new StateFolder<>(dir, what, version, facts, new LinkedHashMap<>(parts), FileLocks.lock(dir.resolve(".lock")));
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
  }

  /** The last state, or why there is none to build on. */
  public Loaded<F> load(SparkSession spark) {
    Manifest<F> m;
    try {
      m = JSON.readValue(Files.newInputStream(dir.resolve(MANIFEST)), manifestType);
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException missing) {
      return none("there is no " + what + " yet");
    } catch (IOException | RuntimeException unreadable) {
      return none("the " + what + "'s manifest cannot be read (" + unreadable.getClass().getSimpleName() + ")");
    }
    if (m.version() != version || m.facts() == null) {
      return none("the " + what + " was written by another version");
    }
    Path folder = dir.resolve(m.folder());
    Map<String, Dataset<Row>> read = new LinkedHashMap<>();
    for (Map.Entry<String, StructType> part : parts.entrySet()) {
      Path files = folder.resolve(part.getKey());
      if (!Files.exists(files.resolve("_SUCCESS"))) {
        return none("the " + what + "'s " + part.getKey() + " are incomplete");
      }
      if (!intact(files, m.checksums().get(part.getKey()))) {
        return none("the " + what + "'s " + part.getKey() + " are damaged");
      }
      read.put(part.getKey(), spark.read().schema(part.getValue()).parquet(files.toString()));
    }
    return new Loaded<>(new Kept<>(m.facts(), read), null);
  }

  private Loaded<F> none(String why) {
    return new Loaded<>(null, why);
  }

  /** Every Parquet file of a part as it was written: the same files, every byte the same. */
  private static boolean intact(Path part, Map<String, Long> written) {
    try {
      return Checksums.ofFolder(part, ".parquet").equals(written);
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes a new version, every part named at {@link #open}, and makes it the current one; the previous versions go. */
  public void write(F facts, Map<String, Dataset<Row>> data) {
    String folder = "v-" + UUID.randomUUID();
    Path version = dir.resolve(folder);
    for (String part : parts.keySet()) {
      data.get(part).write().parquet(version.resolve(part).toString());
    }
    try {
      Map<String, Map<String, Long>> checksums = new TreeMap<>();
      for (String part : parts.keySet()) {
        checksums.put(part, Checksums.ofFolder(version.resolve(part), ".parquet"));
      }
      Manifest<F> manifest = new Manifest<>(this.version, folder, facts, checksums);
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

package com.saleslift.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.storage.Checksums;
import com.saleslift.storage.FileLocks;
import com.saleslift.storage.Storage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a nightly run keeps beside its outputs so it parses only what is new: for each file
 * of a large table (usage events, one file per day as exports arrive), its accepted rows as a
 * Parquet file, the hashes of their keys ({@link KeyHashes}) and its rejects, listed in a
 * manifest with the file's size, modification time and SHA-256. A file whose size and time are
 * unchanged is reused; one whose time moved but whose checksum is the same is reused too;
 * anything else is parsed again. Files gone from the input
 * leave the state. A manifest that is missing, unreadable or written for other parse settings
 * (another source time zone, another table layout) means a full rebuild, never a guess.
 *
 * <p>Each data file is written under a new name and the manifest replaced atomically last, so a
 * run killed half-way leaves the previous state intact; a lock keeps two runs from updating it
 * at once.
 */
public final class ParseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ParseCache.class);
  /** The tables worth caching: the ones that grow by a file a day. */
  public static final Set<CanonicalTable> TABLES = Set.of(CanonicalTable.USAGE_EVENTS);
  private static final String MANIFEST = "manifest.json";
  /** Bumped when what the cache stores changes shape. */
  private static final int VERSION = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One input file as the state knows it; {@code crc32c} covers its data, keys and rejects files in
   * that order; {@code newest} is the latest as-of time of its accepted rows (null without rows).
   */
  record Entry(long size, long modified, String sha256, String data, String keys, String rejects, long crc32c,
      long read, long accepted, String newest, List<String> warnings) {
    Entry touched(long time) {
      return new Entry(size, time, sha256, data, keys, rejects, crc32c, read, accepted, newest, warnings);
    }
  }

  record Manifest(int version, String settings, Map<String, Entry> files) {}

  /** What a read did: the table, and how many files were parsed and reused, and why the state was rebuilt if it was. */
  public record Outcome(ParsedTable table, int parsed, int reused, Optional<String> rebuilt) {}

  private final Path folder;
  private final CsvTableReader reader;
  private final String settings;
  private final int threads;

  /**
   * @param folder where the state lives (`<output>/_state/parse`)
   * @param settings what parsing depends on beyond the file bytes (the source time zone)
   */
  public ParseCache(Path folder, CsvTableReader reader, String settings, int threads) {
    this.folder = folder;
    this.reader = reader;
    this.settings = settings;
    this.threads = threads;
  }

  /** The table from its files, parsing only those the state does not already hold; {@code full} rebuilds it all. */
  public Outcome read(CanonicalTable table, List<Path> files, boolean full) {
    Path dir = folder.resolve(table.tableName());
    try {
      Files.createDirectories(dir);
      try (FileLocks.Held ignored = FileLocks.lock(dir.resolve(".lock"))) {
        return update(table, dir, files, full);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
  }

  private Outcome update(CanonicalTable table, Path dir, List<Path> files, boolean full) throws IOException {
    String layout = settings + "|" + table.schema().catalogString();
    Optional<String> rebuilt = full ? Optional.of("--full was asked") : Optional.empty();
    Map<String, Entry> known = new TreeMap<>();
    if (!full) {
      try {
        Manifest m = JSON.readValue(Files.newInputStream(dir.resolve(MANIFEST)), Manifest.class);
        if (m.version() != VERSION || !layout.equals(m.settings())) {
          rebuilt = Optional.of("the state was written for other parse settings");
        } else {
          known.putAll(m.files());
        }
      } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException missing) {
        rebuilt = Optional.of("there is no state yet");
      } catch (IOException | RuntimeException unreadable) {
        rebuilt = Optional.of("the state's manifest cannot be read (" + unreadable.getClass().getSimpleName() + ")");
      }
    }
    rebuilt.ifPresent(why -> LOG.info("{}: parsing every file: {}", table.tableName(), why));

    Map<String, Entry> current = new TreeMap<>();
    List<Path> toParse = new ArrayList<>();
    int reused = 0;
    for (Path file : files) {
      Optional<Entry> kept = reusable(dir, file, known.get(file.toString()));
      if (kept.isPresent()) {
        current.put(file.toString(), kept.get());
        reused++;
      } else {
        toParse.add(file);
      }
    }
    current.putAll(parseAll(table, dir, toParse));
    writeManifest(dir, new Manifest(VERSION, layout, current));
    removeUnlisted(dir, current);
    LOG.info("{}: {} files parsed, {} reused from {}", table.tableName(), toParse.size(), reused, dir);
    return new Outcome(asTable(table, dir, files, current), toParse.size(), reused, rebuilt);
  }

  /**
   * The entry again when the file is the one it describes and the state still holds its data
   * byte for byte (the checksum written with it); its time refreshed. Cheap enough for hundreds
   * of day files a night: the bytes read here are the ones Spark reads next, from the page cache.
   */
  private static Optional<Entry> reusable(Path dir, Path file, Entry entry) throws IOException {
    if (entry == null || Files.size(file) != entry.size() || !intact(dir, entry)) {
      return Optional.empty();
    }
    long modified = Files.getLastModifiedTime(file).toMillis();
    if (modified == entry.modified()) {
      return Optional.of(entry);
    }
    return sha256(file).equals(entry.sha256()) ? Optional.of(entry.touched(modified)) : Optional.empty();
  }

  private static boolean intact(Path dir, Entry entry) {
    try {
      return Checksums.of(dir.resolve(entry.data()), dir.resolve(entry.keys()), dir.resolve(entry.rejects())) == entry.crc32c();
    } catch (IOException damaged) {
      LOG.warn("{}: parsing it again, its state is damaged: {}", entry.data(), damaged.toString());
      return false;
    }
  }

  /** Parses the files on a few threads (each file is independent), each into its own data and rejects files. */
  private Map<String, Entry> parseAll(CanonicalTable table, Path dir, List<Path> files) throws IOException {
    Map<String, Entry> out = new TreeMap<>();
    if (files.isEmpty()) {
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
    try {
      List<Future<Entry>> entries = new ArrayList<>();
      for (Path file : files) {
        entries.add(pool.submit(() -> parse(table, dir, file)));
      }
      for (int i = 0; i < files.size(); i++) {
        out.put(files.get(i).toString(), entries.get(i).get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while parsing " + table.tableName(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Entry parse(CanonicalTable table, Path dir, Path file) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    String sha = sha256(file);
    // A name of its own for every parse: the manifest still in place never points at a half-written file.
    String base = sha.substring(0, 16) + "-" + java.util.UUID.randomUUID();
    List<String> warnings = new ArrayList<>();
    int key = table.columnNames().indexOf(table.key().get(0));
    int asOf = table.asOfColumn().map(table.columnNames()::indexOf).orElse(-1);
    java.util.stream.LongStream.Builder keys = java.util.stream.LongStream.builder();
    long[] accepted = {0};
    java.time.Instant[] newest = {null};
    long read;
    try (ParquetRows data = new ParquetRows(dir.resolve(base + ".parquet"), table.schema());
         BufferedWriter rejects = Files.newBufferedWriter(dir.resolve(base + ".rejects.jsonl"), StandardCharsets.UTF_8)) {
      read = reader.readFile(table, file, row -> {
        data.write(row);
        keys.add(KeyHashes.of(row.getString(key)));
        accepted[0]++;
        if (asOf >= 0 && row.get(asOf) instanceof java.time.Instant time && (newest[0] == null || time.isAfter(newest[0]))) {
          newest[0] = time;
        }
      }, reject -> writeLine(rejects, reject), warnings);
    }
    KeyHashes.write(dir.resolve(base + ".keys"), keys.build().toArray());
    String data = base + ".parquet";
    String keysFile = base + ".keys";
    String rejectsFile = base + ".rejects.jsonl";
    long crc = Checksums.of(dir.resolve(data), dir.resolve(keysFile), dir.resolve(rejectsFile));
    return new Entry(size, modified, sha, data, keysFile, rejectsFile, crc, read, accepted[0],
        newest[0] == null ? null : newest[0].toString(), List.copyOf(warnings));
  }

  private static void writeLine(BufferedWriter out, Reject reject) {
    try {
      out.write(JSON.writeValueAsString(reject));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeManifest(Path dir, Manifest manifest) throws IOException {
    Storage.replace(dir.resolve(MANIFEST), out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
  }

  /** Data of files no longer listed (parsed again, or gone from the input) leaves the state. */
  private static void removeUnlisted(Path dir, Map<String, Entry> listed) throws IOException {
    Set<String> keep = new java.util.HashSet<>();
    listed.values().forEach(e -> {
      keep.add(e.data());
      keep.add(e.keys());
      keep.add(e.rejects());
    });
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if ((name.endsWith(".parquet") || name.endsWith(".keys") || name.endsWith(".jsonl")) && !keep.contains(name)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static ParsedTable asTable(CanonicalTable table, Path dir, List<Path> files, Map<String, Entry> entries) throws IOException {
    List<Reject> rejects = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<ParsedTable.CachedFile> cached = new ArrayList<>();
    long read = 0;
    for (Path file : files) {
      Entry e = entries.get(file.toString());
      read += e.read();
      warnings.addAll(e.warnings());
      cached.add(new ParsedTable.CachedFile(file.toString(), dir.resolve(e.data()), dir.resolve(e.keys()), e.accepted(),
          e.newest() == null ? null : java.time.Instant.parse(e.newest())));
      try (Stream<String> lines = Files.lines(dir.resolve(e.rejects()), StandardCharsets.UTF_8)) {
        for (String line : lines.toList()) {
          rejects.add(JSON.readValue(line, Reject.class));
        }
      } catch (JsonProcessingException bad) {
        throw new IOException(dir.resolve(e.rejects()) + ": " + bad.getOriginalMessage(), bad);
      }
    }
    return new ParsedTable(table, files.stream().map(Path::toString).toList(), List.of(), rejects, read, warnings, cached);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Checksums.sha256(in);
    }
  }
}

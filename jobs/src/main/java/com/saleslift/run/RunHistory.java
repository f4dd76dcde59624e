package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.saleslift.metrics.CoreMetrics;
import com.saleslift.metrics.MetricTable;
import com.saleslift.report.ReportData;
import com.saleslift.storage.FileLocks;
import com.saleslift.storage.Storage;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The metric tables of every published nightly run, kept beside the run folders
 * (docs/operations.md, "Run history"): `<output>/_history/<table>/run_date=<D>/` as Parquet, and
 * `_history/_runs/<D>.json` naming the run. That file is the commit: a date is in the history
 * exactly when its manifest is, so a run killed while appending leaves the history as it was
 * (the next append puts back what it had moved aside). Partitions are read without Spark, one
 * date at a time, so comparing two runs reads only their two dates.
 */
public final class RunHistory {
  static final String FOLDER = "_history";
  static final String RUNS = "_runs";
  private static final String STAGING = ".staging-";
  private static final String ASIDE = ".previous-";
  /** Written into the aside folder once every old partition of the date is in it. */
  private static final String ALL_MOVED = "_ALL_MOVED";
  private static final String PARTITION = "run_date=";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Consumer<String> warnings;

  /**
   * One run in the history: who it was, what it read and which tables it wrote.
   *
   * @param configSha256 null for the built-in defaults
   * @param inputFingerprint null when the input folder could not be listed
   * @param baseCurrency what its money amounts are in
   * @param acceptedRows per input table, the rows validation accepted (for the volume warning)
   */
  public record Entry(LocalDate runDate, String runId, String version, String configSha256, String inputFingerprint,
      Instant published, String baseCurrency, List<String> tables, Map<String, Long> acceptedRows) {

    /** The entry of a published run, from its run.json. */
    public static Entry of(JsonNode manifest, List<String> tables) {
      Map<String, Long> accepted = new LinkedHashMap<>();
      manifest.path("input_tables").fields().forEachRemaining(t -> accepted.put(t.getKey(), t.getValue().path("rows_accepted").asLong()));
      return new Entry(LocalDate.parse(manifest.path("run_date").asText()), manifest.path("run_id").asText(),
          manifest.path("version").asText(null), manifest.path("config_sha256").asText(null),
          manifest.path("input_fingerprint").asText(null), Instant.parse(manifest.path("ended_at").asText()),
          manifest.path("report").path("base_currency").asText(null), tables, accepted);
    }

    ObjectNode json() {
      ObjectNode json = JSON.createObjectNode();
      json.put("run_id", runId);
      json.put("run_date", runDate.toString());
      json.put("version", version);
      json.put("config_sha256", configSha256);
      json.put("input_fingerprint", inputFingerprint);
      json.put("published", published.toString());
      json.put("base_currency", baseCurrency);
      tables.forEach(json.putArray("tables")::add);
      ObjectNode rows = json.putObject("input_rows_accepted");
      acceptedRows.forEach(rows::put);
      return json;
    }

    static Entry read(JsonNode json) {
      List<String> tables = new ArrayList<>();
      json.path("tables").forEach(t -> tables.add(t.asText()));
      Map<String, Long> accepted = new LinkedHashMap<>();
      json.path("input_rows_accepted").fields().forEachRemaining(t -> accepted.put(t.getKey(), t.getValue().asLong()));
      return new Entry(LocalDate.parse(json.path("run_date").asText()), json.path("run_id").asText(),
          json.path("version").asText(null), json.path("config_sha256").asText(null), json.path("input_fingerprint").asText(null),
          Instant.parse(json.path("published").asText()), json.path("base_currency").asText(null), tables, accepted);
    }
  }

  /** One date of the history read back: its tables, and the tables it wrote that could not be read (named in a warning). */
  public record Snapshot(Entry entry, Map<String, ResultTable> tables, Set<String> unreadable) {}

  private RunHistory(Path root, Consumer<String> warnings) {
    this.root = root;
    this.warnings = warnings;
  }

  /** The history of the runs published to {@code output}; {@code warnings} hears of every part that cannot be read. */
  public static RunHistory of(Path output, Consumer<String> warnings) {
    return new RunHistory(output.resolve(FOLDER), warnings);
  }

  public Path root() {
    return root;
  }

  /** The dates in the history, oldest first, each with its entry. A manifest that cannot be read is named and skipped. */
  public NavigableMap<LocalDate, Entry> runs() {
    TreeMap<LocalDate, Entry> runs = new TreeMap<>();
    Path folder = root.resolve(RUNS);
    if (!Files.isDirectory(folder)) {
      return runs;
    }
    for (Path file : list(folder)) {
      String name = file.getFileName().toString();
      Optional<LocalDate> date = name.endsWith(".json") ? RunFolders.parseDate(name.substring(0, name.length() - 5)) : Optional.empty();
      if (date.isEmpty()) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        runs.put(date.get(), Entry.read(JSON.readTree(in)));
      } catch (IOException | RuntimeException e) {
        warnings.accept("run history: " + file + " cannot be read (" + e.getMessage() + "); the run of " + date.get() + " is skipped");
      }
    }
    return runs;
  }

  /** The tables of one date in the history; a table it wrote whose partition cannot be read is named and left out. */
  public Snapshot read(Entry entry) {
    Map<String, ResultTable> tables = new LinkedHashMap<>();
    Set<String> unreadable = new LinkedHashSet<>();
    for (String table : entry.tables()) {
      Path partition = partition(table, entry.runDate());
      try {
        tables.put(table, ParquetTables.read(table, partition));
      } catch (IOException | RuntimeException e) {
        unreadable.add(table);
        warnings.accept("run history: the partition " + partition + " cannot be read (" + e.getMessage() + "); " + table
            + " of " + entry.runDate() + " is skipped, not read as empty");
      }
    }
    return new Snapshot(entry, tables, unreadable);
  }

  /** The newest run in the history dated before {@code date}, read as the report compares with it. */
  public Optional<ReportData.PriorRun> before(LocalDate date) {
    return Optional.ofNullable(runs().lowerEntry(date)).map(e -> read(e.getValue())).map(snapshot -> new ReportData.PriorRun(
        snapshot.entry().runId(), snapshot.entry().runDate(), snapshot.tables(), snapshot.entry().acceptedRows(), snapshot.unreadable()));
  }

  /**
   * Adds (or, for a date already there, replaces) a run's tables, then prunes the dates more than
   * {@code keepDays} days before the newest one (null keeps every date). One writer at a time.
   */
  public void append(Entry entry, Map<String, ResultTable> tables, Integer keepDays) throws IOException {
    Files.createDirectories(root.resolve(RUNS));
    try (FileLocks.Held ignored = FileLocks.lock(root.resolve(".lock"))) {
      recover();
      try {
        swapIn(entry, tables);
      } catch (IOException | RuntimeException e) {
        // Put the date back as it was now rather than at the next append: readers meanwhile see the old run.
        try {
          recover();
        } catch (IOException | RuntimeException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
      if (keepDays != null) {
        prune(runs().lastKey().minusDays(keepDays));
      }
    }
  }

  /** Stages the tables, takes the date's old partitions out (its manifest first), moves the new ones in, commits. */
  private void swapIn(Entry entry, Map<String, ResultTable> tables) throws IOException {
    LocalDate date = entry.runDate();
    Path staging = Files.createDirectory(root.resolve(STAGING + date + "-" + UUID.randomUUID()));
    for (ResultTable table : tables.values()) {
      ParquetTables.write(definition(table.name()), table, staging.resolve(table.name()));
    }
    Entry written = new Entry(date, entry.runId(), entry.version(), entry.configSha256(), entry.inputFingerprint(),
        entry.published(), entry.baseCurrency(), List.copyOf(tables.keySet()), entry.acceptedRows());
    Files.write(staging.resolve("run.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(written.json()));

    // Take the date out (its manifest first: from then on it is not in the history), then its partitions.
    Path aside = Files.createDirectory(root.resolve(ASIDE + date + "-" + UUID.randomUUID()));
    Path manifest = manifest(date);
    if (Files.exists(manifest)) {
      Files.move(manifest, aside.resolve("run.json"), StandardCopyOption.ATOMIC_MOVE);
    }
    for (String table : tableFolders()) {
      if (Files.isDirectory(partition(table, date))) {
        Files.move(partition(table, date), aside.resolve(table), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.write(aside.resolve(ALL_MOVED), new byte[0]);
    for (String table : tables.keySet()) {
      Files.createDirectories(root.resolve(table));
      Files.move(staging.resolve(table), partition(table, date), StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging.resolve("run.json"), manifest, StandardCopyOption.ATOMIC_MOVE);
    Storage.deleteTree(aside);
    Storage.deleteTree(staging);
  }

  /** Removes every date before {@code oldestKept}: its manifest first, so a killed prune leaves only parts the next append removes. */
  private void prune(LocalDate oldestKept) throws IOException {
    for (LocalDate date : runs().headMap(oldestKept, false).keySet()) {
      Files.delete(manifest(date));
      for (String table : tableFolders()) {
        if (Files.isDirectory(partition(table, date))) {
          Storage.deleteTree(partition(table, date));
        }
      }
    }
  }

  /**
   * Puts the history back as it was before an append or prune that did not finish: staged tables
   * go; a date taken out but not committed again gets its old partitions and manifest back; a
   * partition whose date has no manifest (a prune cut short) goes.
   */
  private void recover() throws IOException {
    for (Path leftover : list(root)) {
      String name = leftover.getFileName().toString();
      if (name.startsWith(STAGING)) {
        Storage.deleteTree(leftover);
      } else if (name.startsWith(ASIDE)) {
        LocalDate date = LocalDate.parse(name.substring(ASIDE.length(), ASIDE.length() + 10));
        if (!Files.exists(manifest(date))) {
          restore(leftover, date);
        }
        Storage.deleteTree(leftover);
      }
    }
    Set<LocalDate> committed = runs().keySet();
    for (String table : tableFolders()) {
      for (Path partition : list(root.resolve(table))) {
        Optional<LocalDate> date = partitionDate(partition);
        if (date.isPresent() && !committed.contains(date.get())) {
          Storage.deleteTree(partition);
        }
      }
    }
  }

  private void restore(Path aside, LocalDate date) throws IOException {
    if (Files.exists(aside.resolve(ALL_MOVED))) {
      // Every old partition was moved aside: what is in place now is the unfinished new run's.
      for (String table : tableFolders()) {
        if (Files.isDirectory(partition(table, date))) {
          Storage.deleteTree(partition(table, date));
        }
      }
    }
    for (Path table : list(aside)) {
      if (Files.isDirectory(table)) {
        Files.createDirectories(root.resolve(table.getFileName().toString()));
        Files.move(table, partition(table.getFileName().toString(), date), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    if (Files.exists(aside.resolve("run.json"))) {
      Files.move(aside.resolve("run.json"), manifest(date), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static MetricTable definition(String table) {
    return CoreMetrics.TABLES.stream().filter(t -> t.name().equals(table)).findFirst()
        .orElseGet(() -> new MetricTable(table, 0, List.of()));
  }

  private Path manifest(LocalDate date) {
    return root.resolve(RUNS).resolve(date + ".json");
  }

  private Path partition(String table, LocalDate date) {
    return root.resolve(table).resolve(PARTITION + date);
  }

  private static Optional<LocalDate> partitionDate(Path partition) {
    String name = partition.getFileName().toString();
    return name.startsWith(PARTITION) ? RunFolders.parseDate(name.substring(PARTITION.length())) : Optional.empty();
  }

  /** The table folders of the history (not its manifests, locks, leftovers or the holdout's log). */
  private List<String> tableFolders() {
    return list(root).stream().filter(Files::isDirectory).map(p -> p.getFileName().toString())
        .filter(n -> !n.startsWith(".") && !n.startsWith("_") && !n.equals(AssignmentLog.FOLDER)).toList();
  }

  /** A folder's entries in name order; none when it does not exist. */
  static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

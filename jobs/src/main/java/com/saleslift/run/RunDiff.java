package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.saleslift.report.RunChanges;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `saleslift diff`: two runs of an output folder found by what a person types (a date, `latest`,
 * `latest~7`, a run folder) and compared. Only the two runs' tables are read.
 */
public final class RunDiff {
  private static final Pattern LATEST = Pattern.compile("latest(?:~(\\d{1,5}))?");

  /** A RUN argument that names no run, with the dates that are there: a usage error. */
  public static final class NoSuchRun extends RuntimeException {
    NoSuchRun(String message) {
      super(message);
    }
  }

  /**
   * One side of a diff: its date and tables, the tables that could not be read, its currency, and
   * the configuration it was published with when its run folder is still there.
   */
  record Run(LocalDate date, Map<String, ResultTable> tables, Set<String> unreadable, String currency, Optional<JsonNode> manifest) {
    RunChanges.Side side() {
      return new RunChanges.Side(date, tables, unreadable);
    }
  }

  /** The changes and the currency their amounts are in. */
  public record Result(RunChanges changes, String currency) {}

  private RunDiff() {}

  /** The tolerances of a configuration's `diff:`. */
  public static RunChanges.Tolerances tolerances(com.saleslift.config.SalesLiftConfig config) {
    return new RunChanges.Tolerances(config.diff().moneyTolerance(), config.diff().ratioTolerancePts(), config.diff().rankMove());
  }

  /**
   * Compares {@code from} with {@code to} (null: `latest~7`, else the oldest date there is; and
   * `latest`). Tolerances: {@code tolerances} when given, else those the newer run was published
   * with, else the defaults.
   */
  public static Result between(Path output, String from, String to, Optional<RunChanges.Tolerances> tolerances,
      Consumer<String> warnings) throws IOException {
    RunHistory history = RunHistory.of(output, warnings);
    NavigableMap<LocalDate, RunHistory.Entry> runs = history.runs();
    Run newer = resolve(to == null ? "latest" : to, output, history, runs);
    Run older = from != null ? resolve(from, output, history, runs) : resolve(runs.isEmpty() ? "latest"
        : "latest~7", output, history, runs, runs.isEmpty() ? null : runs.firstKey());
    RunChanges.Tolerances t = tolerances.orElseGet(() -> newer.manifest()
        .map(m -> PublishedRun.settings(m).tolerances()).orElseGet(() -> tolerances(com.saleslift.config.SalesLiftConfig.defaults())));
    return new Result(RunChanges.between(older.side(), newer.side(), t), newer.currency());
  }

  private static Run resolve(String spec, Path output, RunHistory history, NavigableMap<LocalDate, RunHistory.Entry> runs)
      throws IOException {
    return resolve(spec, output, history, runs, null);
  }

  /** A run folder, a date of the history, `latest` or `latest~N`; {@code fallback} when `latest~N` finds nothing that old. */
  private static Run resolve(String spec, Path output, RunHistory history, NavigableMap<LocalDate, RunHistory.Entry> runs,
      LocalDate fallback) throws IOException {
    Optional<LocalDate> date = RunFolders.parseDate(spec);
    Matcher latest = LATEST.matcher(spec);
    if (date.isEmpty() && !latest.matches()) {
      Path folder = com.saleslift.storage.Storage.path(spec);
      if (Files.isRegularFile(folder.resolve("run.json"))) {
        return folder(folder);
      }
      throw new NoSuchRun(spec + " is neither a run folder (no run.json), a date (YYYY-MM-DD), latest nor latest~N");
    }
    if (runs.isEmpty()) {
      throw new NoSuchRun("no run history in " + history.root() + ": a nightly run writes it, and `saleslift history --import "
          + output + "` adds the runs already published there");
    }
    LocalDate wanted;
    if (date.isPresent()) {
      wanted = date.get();
    } else {
      int days = latest.group(1) == null ? 0 : Integer.parseInt(latest.group(1));
      LocalDate found = runs.floorKey(runs.lastKey().minusDays(days));
      wanted = found != null ? found : fallback;
      if (wanted == null) {
        throw new NoSuchRun(spec + ": no run in the history is " + days + " days older than the latest (" + runs.lastKey()
            + "); dates there: " + dates(runs.keySet()));
      }
    }
    if (!runs.containsKey(wanted)) {
      throw new NoSuchRun(spec + ": no run of " + wanted + " in " + history.root() + "; dates there: " + dates(runs.keySet()));
    }
    RunHistory.Snapshot snapshot = history.read(runs.get(wanted));
    Path folder = output.resolve(wanted.toString());
    return new Run(wanted, snapshot.tables(), snapshot.unreadable(), snapshot.entry().baseCurrency(), PublishedRun.manifest(folder));
  }

  private static Run folder(Path folder) throws IOException {
    JsonNode manifest = PublishedRun.manifest(folder).orElseThrow();
    return new Run(LocalDate.parse(manifest.path("run_date").asText()), PublishedRun.tables(folder), Set.of(),
        manifest.path("report").path("base_currency").asText(null), Optional.of(manifest));
  }

  /** "2026-10-01, 2026-10-02, …, 2026-10-31 (31 dates)": all of them when there are few. */
  static String dates(Set<LocalDate> dates) {
    List<String> all = dates.stream().map(LocalDate::toString).toList();
    if (all.size() <= 8) {
      return String.join(", ", all);
    }
    List<String> shown = new ArrayList<>(all.subList(0, 3));
    shown.add("\u2026");
    shown.addAll(all.subList(all.size() - 3, all.size()));
    return String.join(", ", shown) + " (" + all.size() + " dates)";
  }
}

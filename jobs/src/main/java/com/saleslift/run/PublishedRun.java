package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.report.ReportData;
import com.saleslift.table.ResultTable;
import com.saleslift.table.ResultTableCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A published run folder read back (run.json and metrics/*.csv): what the report of a run is
 * drawn from again by `report --run`, and the previous nightly run a new one is compared with.
 */
public final class PublishedRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PublishedRun() {}

  /**
   * The report's data of a published run, exactly as its own run drew it. A folder that is not a
   * complete run of this version, or whose tables cannot be read, is refused with the reason.
   */
  public static ReportData reportData(Path run) throws IOException {
    JsonNode manifest = manifest(run).orElseThrow(() -> new InputRefusedException(run + " is not a published run: no run.json"));
    if (!"SUCCEEDED".equals(manifest.path("status").asText())) {
      throw new InputRefusedException(run.resolve("run.json") + ": status is " + manifest.path("status").asText() + ", not SUCCEEDED");
    }
    JsonNode report = manifest.path("report");
    if (!report.isObject()) {
      throw new InputRefusedException(run.resolve("run.json") + ": no report section (written by an older version); run that date again");
    }
    Map<String, ResultTable> tables;
    try {
      tables = tables(run);
    } catch (IOException | RuntimeException e) {
      throw new InputRefusedException(run.resolve("metrics") + ": cannot read the metric tables: " + e.getMessage());
    }
    String runId = manifest.path("run_id").asText();
    LocalDate runDate = LocalDate.parse(manifest.path("run_date").asText());
    Optional<ReportData.PriorRun> previous = isNightly(runId) ? previousNightly(run.getParent(), runDate) : Optional.empty();
    return new ReportData(runId, report.path("scope").asText(), runDate, report.path("first_month").asText(),
        report.path("last_month").asText(), report.path("base_currency").asText(), tables, inputs(manifest), previous,
        settings(manifest), RunManifest.reportWarnings(manifest), RunManifest.shapeSentences(manifest),
        ReportData.supportOf(inputs(manifest)));
  }

  /** A nightly run's id is its run date; an ad-hoc run's is not. */
  static boolean isNightly(String runId) {
    return RunFolders.parseDate(runId).isPresent();
  }

  /**
   * The newest nightly run published in {@code output} before {@code runDate}; an unreadable one
   * is passed over (the comparison is a courtesy, never a reason to fail a run).
   */
  public static Optional<ReportData.PriorRun> previousNightly(Path output, LocalDate runDate) {
    if (!Files.isDirectory(output)) {
      return Optional.empty();
    }
    TreeMap<LocalDate, Path> earlier = new TreeMap<>();
    try (Stream<Path> list = Files.list(output)) {
      list.forEach(p -> RunFolders.parseDate(p.getFileName().toString()).filter(d -> d.isBefore(runDate)).ifPresent(d -> earlier.put(d, p)));
    } catch (IOException e) {
      return Optional.empty();
    }
    for (Map.Entry<LocalDate, Path> run : earlier.descendingMap().entrySet()) {
      try {
        Optional<JsonNode> manifest = manifest(run.getValue());
        if (manifest.isPresent() && "SUCCEEDED".equals(manifest.get().path("status").asText())) {
          return Optional.of(new ReportData.PriorRun(run.getValue().getFileName().toString(), run.getKey(), tables(run.getValue()),
              inputs(manifest.get())));
        }
      } catch (IOException | RuntimeException unreadable) {
        // Try the one before.
      }
    }
    return Optional.empty();
  }

  static Map<String, ResultTable> tables(Path run) throws IOException {
    Map<String, ResultTable> tables = new LinkedHashMap<>();
    Path metrics = run.resolve("metrics");
    try (Stream<Path> list = Files.list(metrics)) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        tables.put(name, ResultTableCsv.read(name, file));
      }
    }
    return tables;
  }

  /** The settings the report shows, from the configuration the run recorded (a run.json without one: the defaults). */
  static ReportData.Settings settings(JsonNode manifest) {
    JsonNode config = manifest.path("configuration");
    SalesLiftConfig d = SalesLiftConfig.defaults();
    return new ReportData.Settings(config.path("reporting_timezone").asText(d.reportingTimezone().getId()),
        config.path("fiscal_year_start_month").asInt(d.fiscalYearStartMonth()),
        config.path("lift").path("min_group_size").asInt(d.lift().minGroupSize()),
        manifest.path("run_date_from").asText(MetricsRun.RunDateFrom.GIVEN.key()));
  }

  static List<ReportData.InputQuality> inputs(JsonNode manifest) {
    List<ReportData.InputQuality> inputs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("input_tables").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> table = it.next();
      JsonNode t = table.getValue();
      Map<String, Long> reasons = new LinkedHashMap<>();
      t.path("rejected_by_reason").fields().forEachRemaining(r -> reasons.put(r.getKey(), r.getValue().asLong()));
      inputs.add(new ReportData.InputQuality(table.getKey(), t.path("rows_read").asLong(), t.path("rows_accepted").asLong(),
          reasons, t.path("duplicates_dropped").asLong(), t.path("future_rows").asLong()));
    }
    return inputs;
  }

  static Optional<JsonNode> manifest(Path run) throws IOException {
    Path file = run.resolve("run.json");
    return Files.isRegularFile(file) ? Optional.of(JSON.readTree(Files.newInputStream(file))) : Optional.empty();
  }
}

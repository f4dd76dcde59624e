package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.report.ReportData;
import com.saleslift.report.RunChanges;
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
import java.util.stream.Stream;

/**
 * A published run folder read back (run.json and metrics/*.csv): what the report of a run is
 * drawn from again by `report --run`, and what `history --import` adds to the run history.
 */
public final class PublishedRun {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PublishedRun.class);
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
    Optional<ReportData.PriorRun> previous = isNightly(runId)
        ? RunHistory.of(run.getParent(), LOG::warn).before(runDate) : Optional.empty();
    return new ReportData(runId, report.path("scope").asText(), runDate, report.path("first_month").asText(),
        report.path("last_month").asText(), report.path("base_currency").asText(), tables, inputs(manifest), previous,
        settings(manifest), RunManifest.reportWarnings(manifest), RunManifest.shapeSentences(manifest),
        ReportData.supportOf(inputs(manifest)));
  }

  /** A nightly run's id is its run date; an ad-hoc run's is not. */
  static boolean isNightly(String runId) {
    return RunFolders.parseDate(runId).isPresent();
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
        manifest.path("run_date_from").asText(MetricsRun.RunDateFrom.GIVEN.key()), tolerances(config.path("diff"), d.diff()),
        config.path("report").path("html_accounts").asBoolean(d.reportHtmlAccounts()));
  }

  /** The `diff:` settings a run recorded; a run.json from before them: the defaults {@code d}. */
  private static RunChanges.Tolerances tolerances(JsonNode diff, SalesLiftConfig.Diff d) {
    return new RunChanges.Tolerances(diff.has("money_tolerance") ? diff.path("money_tolerance").decimalValue() : d.moneyTolerance(),
        diff.has("ratio_tolerance_pts") ? diff.path("ratio_tolerance_pts").decimalValue() : d.ratioTolerancePts(),
        diff.path("rank_move").asInt(d.rankMove()));
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

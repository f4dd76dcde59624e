package com.saleslift.run;

import com.saleslift.validate.ShapeWarnings;
import com.saleslift.table.DataSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.metrics.HoldoutAssignment;
import com.saleslift.validate.Freshness;
import com.saleslift.validate.TableReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** run.json (docs/operations.md): what ran, on what, how it ended, how long each stage took, what it wrote. */
public final class RunManifest {
  public enum Status { SUCCEEDED, REFUSED, FAILED }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final String runId;
  private final LocalDate runDate;
  private final List<String> commandLine;
  private final Instant startedAt;
  private SalesLiftConfig config;
  private Status status;
  private String message;
  private Instant endedAt;
  private Map<String, java.math.BigDecimal> stageSeconds = Map.of();
  private final Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
  private final List<String> warnings = new ArrayList<>();
  /** Shape warnings (check, sentence, count, of, share, headline): run.json's `warnings` also carries their sentences. */
  private final List<Map<String, Object>> shapeWarnings = new ArrayList<>();
  private final List<String> filesWritten = new ArrayList<>();
  private Map<String, String> report;
  private final Map<String, Map<String, Object>> parseCache = new LinkedHashMap<>();
  private String usageRollup;
  private Map<String, Integer> sparkJobs = Map.of();
  private String inputFingerprint;
  private String cutFrom;
  private String runDateFrom;
  private List<Object> freshness = List.of();
  /** The holdout's night: share, salt, accounts logged before, assigned tonight, held out of those, the log's batch. */
  private Map<String, Object> experiment;

  public RunManifest(String runId, LocalDate runDate, List<String> commandLine, Instant startedAt) {
    this.runId = runId;
    this.runDate = runDate;
    this.commandLine = List.copyOf(commandLine);
    this.startedAt = startedAt;
  }

  public void config(SalesLiftConfig config) {
    this.config = config;
  }

  /** Where the run date came from: `given`, `yesterday` or `input_end`. */
  void runDateFrom(String from) {
    this.runDateFrom = from;
  }

  /** The freshness check of each table, as docs/configuration.md and docs/operations.md name its fields. */
  void freshness(List<Freshness.Check> checks) {
    List<Object> entries = new ArrayList<>();
    for (Freshness.Check c : checks) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("table", c.table());
      e.put("column", c.column());
      e.put("newest", c.newest() == null ? null : c.newest().toString());
      e.put("age_days", c.ageDays());
      e.put("warn_after_days", c.warnAfterDays());
      e.put("error_after_days", c.errorAfterDays());
      e.put("status", c.status().name());
      entries.add(e);
    }
    this.freshness = entries;
  }

  /** The freshness checks of the run this one was cut from, as its run.json says them. */
  void freshnessOf(JsonNode run) {
    List<Object> entries = new ArrayList<>();
    run.path("freshness").forEach(entries::add);
    this.freshness = entries;
  }

  /** A data warning: one plain sentence, for run.json and the report's first pages. */
  void warning(String sentence) {
    warnings.add(sentence);
  }

  /** Every warning so far: what the input's files said while read, then freshness and volume. */
  /** The data warnings of the report's first pages: every warning but the shape warnings that stay on the data-quality page. */
  List<String> warnings() {
    List<String> all = new ArrayList<>(warnings);
    shapeWarnings.stream().filter(w -> Boolean.TRUE.equals(w.get("headline"))).forEach(w -> all.add((String) w.get("sentence")));
    return all;
  }

  /** Every shape warning's sentence, for the data-quality page. */
  List<String> shapeSentences() {
    return shapeWarnings.stream().map(w -> (String) w.get("sentence")).toList();
  }

  public void shapeWarnings(List<ShapeWarnings.Warning> found) {
    for (ShapeWarnings.Warning w : found) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("check", w.check());
      entry.put("sentence", w.sentence());
      entry.put("count", w.count());
      entry.put("of", w.of());
      entry.put("share", w.share());
      entry.put("headline", w.headline());
      shapeWarnings.add(entry);
    }
  }

  /** The report's first-page warnings as a published run.json says them (shape warnings that are not headline left out). */
  static List<String> reportWarnings(JsonNode run) {
    List<String> lines = new ArrayList<>();
    java.util.Set<String> quiet = new java.util.HashSet<>();
    if (run.hasNonNull("config_note")) {
      quiet.add(run.get("config_note").asText());
    }
    run.path("shape_warnings").forEach(w -> {
      if (!w.path("headline").asBoolean()) {
        quiet.add(w.path("sentence").asText());
      }
    });
    run.path("warnings").forEach(w -> {
      if (!quiet.contains(w.asText())) {
        lines.add(w.asText());
      }
    });
    return lines;
  }

  /** The shape warnings' sentences as a published run.json says them. */
  static List<String> shapeSentences(JsonNode run) {
    List<String> lines = new ArrayList<>();
    run.path("shape_warnings").forEach(w -> lines.add(w.path("sentence").asText()));
    return lines;
  }

  public void table(TableReport r) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("files", r.files());
    t.put("rows_read", r.read());
    t.put("rows_accepted", r.accepted());
    t.put("rows_rejected", r.rejectedTotal());
    t.put("rejected_by_reason", r.rejectedByReason());
    t.put("duplicates_dropped", r.duplicatesDropped());
    t.put("future_rows", r.future());
    inputs.put(r.table(), t);
    warnings.addAll(r.warnings());
  }

  /** The input tables and warnings of the run whose tables this one was cut from, as that run.json says them. */
  @SuppressWarnings("unchecked")
  void inputsOf(JsonNode run) {
    run.path("input_tables").fields().forEachRemaining(t -> inputs.put(t.getKey(), JSON.convertValue(t.getValue(), Map.class)));
    java.util.Set<String> shapes = new java.util.HashSet<>(shapeSentences(run));
    shapes.add(run.path("config_note").asText(""));
    run.path("warnings").forEach(w -> {
      if (!shapes.contains(w.asText())) {
        warnings.add(w.asText());
      }
    });
    run.path("shape_warnings").forEach(w -> shapeWarnings.add(JSON.convertValue(w, Map.class)));
  }

  /** What the input looked like ({@link InputFingerprint}), so an ad-hoc run can tell it read the same. */
  void inputFingerprint(String fingerprint) {
    this.inputFingerprint = fingerprint;
  }

  /** The published nightly run an ad-hoc run's tables were cut from. */
  void cutFrom(String nightly) {
    this.cutFrom = nightly;
  }

  /** What the report says of the run beside its tables, so `report --run` can draw it again. */
  public void report(String scope, String firstMonth, String lastMonth, String baseCurrency) {
    report = new LinkedHashMap<>();
    report.put("scope", scope);
    report.put("first_month", firstMonth);
    report.put("last_month", lastMonth);
    report.put("base_currency", baseCurrency);
  }

  /** How a table read through the parse cache was read: files parsed, files reused, and why the state was rebuilt. */
  public void parseCache(String table, int parsed, int reused, java.util.Optional<String> rebuilt) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("files_parsed", parsed);
    t.put("files_reused", reused);
    t.put("rebuilt_because", rebuilt.orElse(null));
    parseCache.put(table, t);
  }

  /**
   * The holdout's night, when it is on or its log holds accounts: how many accounts the log held,
   * how many the list gave for the first time tonight and how many of those were held out.
   */
  void experiment(SalesLiftConfig.Experiment settings, int logged, List<HoldoutAssignment.Assignment> assigned) {
    if (!settings.on() && logged == 0) {
      return;
    }
    experiment = new LinkedHashMap<>();
    experiment.put("holdout_share", settings.holdoutShare());
    experiment.put("salt", settings.salt());
    experiment.put("logged_before", logged);
    experiment.put("assigned", assigned.size());
    experiment.put("held_out", assigned.stream().filter(a -> a.arm() == HoldoutAssignment.Arm.HOLDOUT).count());
    experiment.put("batch", null);
  }

  /** The assignment log's file this run staged: the log commits it only with the run folder that names it. */
  void assignmentBatch(String batch) {
    experiment.put("batch", batch);
  }

  /** How usage events were rolled up: from the kept state or from every event, and why. */
  public void usageRollup(String history) {
    this.usageRollup = history;
  }

  /** How many Spark jobs each stage ran. */
  public void sparkJobs(Map<String, Integer> perStage) {
    this.sparkJobs = perStage;
  }

  public void filesWritten(List<String> relativePaths) {
    filesWritten.addAll(relativePaths);
  }

  public void end(Status status, String message, Map<String, java.math.BigDecimal> stageSeconds, Instant endedAt) {
    this.status = status;
    this.message = message;
    this.stageSeconds = stageSeconds;
    this.endedAt = endedAt;
  }

  /** What the input tables' accepted rows support (for an ad-hoc cut: the nightly's). */
  private DataSupport support() {
    Map<String, Long> accepted = new LinkedHashMap<>();
    inputs.forEach((table, t) -> accepted.put(table, ((Number) t.getOrDefault("rows_accepted", 0L)).longValue()));
    return DataSupport.of(accepted);
  }

  public void write(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", runId);
    json.put("run_date", runDate.toString());
    json.put("run_date_from", runDateFrom);
    json.put("version", Version.current());
    json.put("command_line", commandLine);
    json.put("status", status == null ? null : status.name());
    json.put("message", message);
    json.put("started_at", startedAt.toString());
    json.put("ended_at", endedAt == null ? null : endedAt.toString());
    json.put("config_file", config == null ? null : config.origin().file());
    json.put("config_sha256", config == null ? null : config.origin().sha256());
    json.put("configuration", config == null ? null : config.asMap());
    json.put("stage_seconds", stageSeconds);
    json.put("spark_jobs", sparkJobs);
    json.put("input_fingerprint", inputFingerprint);
    json.put("input_tables", inputs);
    DataSupport support = support();
    json.put("left_out", support.leftOutTables());
    json.put("channel_known", support.channelKnown());
    json.put("report", report);
    json.put("parse_cache", parseCache);
    json.put("usage_rollup", usageRollup);
    if (cutFrom != null) {
      json.put("cut_from", cutFrom);
    }
    json.put("freshness", freshness);
    if (experiment != null) {
      json.put("experiment", experiment);
    }
    List<String> allWarnings = new ArrayList<>(warnings);
    allWarnings.addAll(shapeSentences());
    // Which configuration file was read over another is for the run's log, not a data warning of the report.
    String configNote = config == null ? null : config.origin().shadowNote().orElse(null);
    if (configNote != null) {
      allWarnings.add(configNote);
    }
    json.put("config_note", configNote);
    json.put("warnings", allWarnings);
    json.put("shape_warnings", shapeWarnings);
    json.put("files_written", filesWritten);
    try (OutputStream out = Files.newOutputStream(file)) {
      JSON.writeValue(out, json);
    }
  }
}

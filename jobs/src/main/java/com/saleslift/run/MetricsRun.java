package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.CsvTableReader;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.ParseCache;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.ValueParser;
import com.saleslift.metrics.CoreMetrics;
import com.saleslift.metrics.HoldoutAssignment;
import com.saleslift.metrics.MetricTable;
import com.saleslift.metrics.ReportedMonths;
import com.saleslift.model.Calendar;
import com.saleslift.model.Model;
import com.saleslift.model.Normalizer;
import com.saleslift.notify.Notice;
import com.saleslift.notify.Notifier;
import com.saleslift.report.ExecutiveSummary;
import com.saleslift.report.PngCharts;
import com.saleslift.report.ReportData;
import com.saleslift.report.ReportHtml;
import com.saleslift.report.ReportPdf;
import com.saleslift.spark.JobCounter;
import com.saleslift.spark.JobGroup;
import com.saleslift.storage.Storage;
import com.saleslift.table.ResultTable;
import com.saleslift.table.ResultTableCsv;
import com.saleslift.table.TableWindow;
import com.saleslift.validate.Freshness;
import com.saleslift.validate.ShapeWarnings;
import com.saleslift.validate.TableReport;
import com.saleslift.validate.UsageState;
import com.saleslift.validate.ValidatedInput;
import com.saleslift.validate.Validation;
import com.saleslift.validate.VolumeDrop;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static org.apache.spark.sql.functions.col;

/**
 * One run (nightly or ad hoc), wired end to end: ingest -> validate -> normalize -> metrics ->
 * render -> publish. The Spark session comes from the entry point, asked for only after the input files
 * were read, so a missing table or column is refused without starting Spark.
 */
public final class MetricsRun {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsRun.class);
  /** The account-level drill-down: account, month, product, MRR, its change and movement. */
  static final String ACCOUNT_MRR = "account_mrr_movements";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * What to run: the run's identity, where to read and publish, how it was asked for, and for
   * an ad-hoc run the window and filters its tables are cut to. A nightly run whose date the
   * input sets (`run_date: input_end`) has neither run id nor run date until its input is read.
   */
  public record Request(String runId, LocalDate runDate, RunDateFrom runDateFrom, Path input, Path output,
      List<String> commandLine, Duration lockWait, boolean updateLatest, Optional<TableWindow> window, boolean full) {

    /** A nightly run on the day of the newest usage event. */
    Request onInputEnd(LocalDate date) {
      return new Request(date.toString(), date, runDateFrom, input, output, commandLine, lockWait, updateLatest, window, full);
    }
  }

  /** Where a run's date came from, for run.json and the title page. */
  public enum RunDateFrom {
    /** `--date`, or the last day of an ad-hoc window's `--to`. */
    GIVEN,
    /** `run_date: yesterday`: the day before today in the reporting zone. */
    YESTERDAY,
    /** `run_date: input_end`: the reporting-zone day of the newest usage event that parses. */
    INPUT_END;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where a run keeps what it parsed, so the next one parses only new or changed files. */
  static final String STATE = "_state";

  private final Supplier<SparkSession> sessions;
  private final SalesLiftConfig config;
  /** The request, its run date settled once the input says it ({@link RunDateFrom#INPUT_END}). */
  private Request request;
  /** How the parse cache served each table it read, for run.json. */
  private final Map<CanonicalTable, ParseCache.Outcome> cacheUse = new java.util.LinkedHashMap<>();
  private final StageClock clock;
  /** The session, once the run asked for it, and the count of its Spark jobs per stage. */
  private SparkSession spark;
  private JobCounter jobs;
  private final Notifier notifier;
  /** The accounts the holdout assigned tonight, for the log; the log's file staged for them, until committed. */
  private List<HoldoutAssignment.Assignment> assigned = List.of();
  private Optional<AssignmentLog.Pending> pendingAssignments = Optional.empty();
  /** Where a refused or failed run kept its run.json and rejects, once it has. */
  private Path failedFolder;
  /** The run id of a run refused before its input said its date (`run_date: input_end`). */
  static final String NOT_DATED = "nightly";
  /** How the report and the notices name a nightly run; an ad-hoc one is named by its window. */
  static final String NIGHTLY = "Nightly run";

  /** A published run: its folder and what its report was drawn from. */
  public record Published(Path folder, ReportData report) {
    /** The report's headline figures, one line each, for the last lines a run prints. */
    public List<String> headline() {
      return ExecutiveSummary.headline(report);
    }
  }

  public MetricsRun(Supplier<SparkSession> sessions, SalesLiftConfig config, Request request, RunProgress progress,
      Notifier notifier) {
    this.sessions = sessions;
    this.config = config;
    this.request = request;
    this.clock = new StageClock(progress);
    this.notifier = notifier;
  }

  /**
   * Publishes `<output>/<run-id>/`; a refusal or failure is thrown after `_failed/` was written.
   * Either way the people of `notify:` hear of it; a notification that fails changes neither.
   */
  public Published execute() throws IOException {
    Published published;
    try {
      published = publish();
    } catch (Exception | Error e) {
      notifyQuietly(() -> Notice.failed(request.runId() == null ? NOT_DATED : request.runId(), scope(), request.runDate(),
          FailureReason.Kind.of(e) == FailureReason.Kind.INPUT_REFUSED ? Notice.Status.REFUSED : Notice.Status.FAILED,
          FailureReason.of(e),
          Optional.ofNullable(failedFolder)));
      throw e;
    }
    notifyQuietly(() -> Notice.published(published.report(), published.folder()));
    return published;
  }

  /** A notice that cannot even be built (a bug) is a warning in the log: the run's outcome stands. */
  private void notifyQuietly(Supplier<Notice> notice) {
    try {
      notifier.send(notice.get(), request.output(), false);
    } catch (RuntimeException e) {
      LOG.warn("no notification sent: {}", e.toString());
    }
  }

  private String scope() {
    return request.window().map(w -> "Ad-hoc run: " + w.describe()).orElse(NIGHTLY);
  }

  private Published publish() throws IOException {
    Instant started = Instant.now();
    Map<CanonicalTable, ParsedTable> parsed = null;
    if (request.runDate() == null) {
      parsed = ingest();
      request = request.onInputEnd(inputEnd(parsed.get(CanonicalTable.USAGE_EVENTS), config.reportingTimezone(), request.input()));
    }
    RunManifest manifest = new RunManifest(request.runId(), request.runDate(), request.commandLine(), started);
    manifest.config(config);
    manifest.runDateFrom(request.runDateFrom().key());
    try (RunFolders folders = RunFolders.open(request.output(), request.runId(), request.lockWait())) {
      folders.cleanLeftovers();
      Path staging = folders.newStaging();
      try {
        ReportData report = build(staging, manifest, parsed);
        clock.stop();
        countJobs(manifest);
        manifest.filesWritten(relativeFiles(staging));
        manifest.end(RunManifest.Status.SUCCEEDED, null, clock.seconds(), Instant.now());
        if (request.updateLatest()) {
          pendingAssignments = AssignmentLog.of(request.output()).stage(request.runDate(), assigned);
          pendingAssignments.ifPresent(p -> manifest.assignmentBatch(p.batch()));
        }
        manifest.write(staging.resolve("run.json"));
        Path published = folders.publish(staging);
        settleAssignments(true);
        if (request.updateLatest()) {
          folders.updateLatest(request.runDate());
          appendHistory(published, report);
        }
        return new Published(published, report);
      } catch (InputRefusedException e) {
        settleAssignments(false);
        keepFailure(folders, staging, manifest, RunManifest.Status.REFUSED, e.getMessage(), started);
        throw e;
      } catch (Exception | Error e) {
        // Exception, not RuntimeException: Spark throws its checked SparkException (a failed job,
        // an executor out of memory) without declaring it, and that failure needs its _failed/ too.
        settleAssignments(false);
        keepFailure(folders, staging, manifest, RunManifest.Status.FAILED, FailureReason.message(e), started);
        throw e;
      }
    } finally {
      if (jobs != null) {
        jobs.close();
      }
    }
  }

  /**
   * Tonight's staged assignments join the log once the run folder that leaves their held-out
   * accounts out is {@code published}; a run that publishes nothing drops them (the run that
   * publishes assigns those accounts again). Should either fail, the next nightly settles the
   * file by the run folder ({@link AssignmentLog#recover}).
   */
  private void settleAssignments(boolean published) {
    if (pendingAssignments.isEmpty()) {
      return;
    }
    AssignmentLog log = AssignmentLog.of(request.output());
    try {
      if (published) {
        log.commit(pendingAssignments.get());
      } else {
        log.discard(pendingAssignments.get());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} is left for the next nightly to settle: {}", pendingAssignments.get().file(), e.toString());
    }
  }

  /** Everything up to the rendered report in {@code staging}; returns what the report was drawn from. */
  private ReportData build(Path staging, RunManifest manifest, Map<CanonicalTable, ParsedTable> parsed) throws IOException {
    if (request.window().isPresent() && !request.full()) {
      Optional<AdhocCut.Nightly> nightly = AdhocCut.nightlyFor(request.output(), request.runDate(), request.input(), config);
      if (nightly.isPresent()) {
        return cut(nightly.get(), request.window().get(), staging, manifest);
      }
    }
    return compute(staging, manifest, parsed != null ? parsed : ingest());
  }

  /** Reads every input table, the large ones through the parse cache. */
  private Map<CanonicalTable, ParsedTable> ingest() {
    clock.start("ingest");
    ValueParser values = new ValueParser(config.sourceTimezone());
    CsvTableReader reader = new CsvTableReader(values);
    ParseCache cache = new ParseCache(request.output().resolve(STATE).resolve("parse"), reader,
        "source_timezone=" + config.sourceTimezone().getId(), Runtime.getRuntime().availableProcessors());
    return InputReader.readAll(request.input(), values, config.sources(), (table, files) -> {
      if (!ParseCache.TABLES.contains(table)) {
        return reader.read(table, files);
      }
      ParseCache.Outcome outcome = cache.read(table, files, request.full());
      cacheUse.put(table, outcome);
      return outcome.table();
    });
  }

  /** The reporting-zone day of the newest usage event that parses: the run date of `run_date: input_end`. */
  public static LocalDate inputEnd(ParsedTable usage, java.time.ZoneId reportingZone, Path input) {
    return usage.newest().map(t -> t.atZone(reportingZone).toLocalDate())
        .orElseThrow(() -> new InputRefusedException("run_date is input_end, but no usage event parses in "
            + input + ": give the run date with --date"));
  }

  private ReportData compute(Path staging, RunManifest manifest, Map<CanonicalTable, ParsedTable> parsed) throws IOException {
    cacheUse.forEach((table, o) -> manifest.parseCache(table.tableName(), o.parsed(), o.reused(), o.rebuilt()));
    InputFingerprint.of(request.input()).ifPresent(manifest::inputFingerprint);
    // Before Spark starts: a damaged log stops the run at once, naming its file and line.
    Map<String, HoldoutAssignment.Assignment> logged = loggedAssignments();

    clock.start("spark_start");
    spark = sessions.get();
    jobs = JobCounter.start(spark.sparkContext());
    SparkSizing.forInput(spark, config.reportingTimezone(), parsed.values());

    ValidatedInput validated;
    Optional<ReportData.PriorRun> previous;
    try (JobGroup stage = stage("validate")) {
      try (UsageState usage = UsageState.open(request.output().resolve(STATE).resolve("usage"))) {
        validated = new Validation(spark, config, request.runDate(), usage, request.full()).validate(parsed);
      }
      manifest.usageRollup(validated.usage().history());
      validated.reports().values().forEach(manifest::table);
      RejectFiles.write(staging.resolve("rejects"), validated.rejects(), validated.present());
      for (TableReport r : validated.reports().values()) {
        LOG.info("{}: read {}, accepted {}, rejected {}, duplicates {}, future {}", r.table(), r.read(), r.accepted(),
            r.rejectedTotal(), r.duplicatesDropped(), r.future());
      }
      validated.refusal(config.maxRejectRatio()).ifPresent(reason -> {
        throw new InputRefusedException(reason);
      });
      previous = request.updateLatest()
          ? RunHistory.of(request.output(), LOG::warn).before(request.runDate()) : Optional.empty();
      dataWarnings(validated, previous, manifest);
    }

    Model model;
    ReportedMonths months;
    try (JobGroup stage = stage("normalize")) {
      model = Normalizer.normalize(validated, config, request.runDate());
      months = ReportedMonths.of(spark, model);
    }

    CoreMetrics.Result result;
    Map<String, ResultTable> tables;
    Path metricsDir = Files.createDirectories(staging.resolve("metrics"));
    try (JobGroup stage = stage("metrics")) {
      result = new CoreMetrics(spark, config).compute(model, months, logged);
      // Only a nightly logs what it assigned; an ad-hoc run's list merely leaves out who the hash would hold out.
      assigned = request.updateLatest() ? result.assigned() : List.of();
      manifest.experiment(config.experiment(), logged.size(), assigned);
      tables = request.window().map(w -> w.apply(result.tables())).orElse(result.tables());
      writing(metricsDir, () -> writeCsv(tables, metricsDir));
    }

    try (JobGroup stage = stage("parquet")) {
      writing(metricsDir, () -> writeParquet(tables, metricsDir));
      ParquetTables.write(request.window().map(w -> drillDownIn(result.accountMrr(), w)).orElse(result.accountMrr()),
          metricsDir.resolve("parquet").resolve(ACCOUNT_MRR));
    }

    // Drawing runs no Spark job.
    clock.start("render");
    return report(staging, manifest, tables, Calendar.monthOfIndex(months.first()).toString(),
        Calendar.monthOfIndex(months.last()).toString(), validated.reports().values().stream().map(MetricsRun::quality).toList(),
        previous);
  }

  /**
   * The arm of every account the holdout's log holds. A nightly first settles what a killed
   * nightly left pending; an ad-hoc run only reads, and logs nothing.
   */
  private Map<String, HoldoutAssignment.Assignment> loggedAssignments() throws IOException {
    AssignmentLog log = AssignmentLog.of(request.output());
    if (request.updateLatest()) {
      log.recover(request.runDate());
    }
    return log.read();
  }

  /**
   * Freshness and volume (docs/configuration.md): a table past its error limit refuses the run; one past its
   * warning limit, or far smaller than at the previous nightly run, is a data warning the run
   * publishes with (run.json, the report's first pages).
   */
  private void dataWarnings(ValidatedInput validated, Optional<ReportData.PriorRun> previous, RunManifest manifest) {
    List<Freshness.Check> checks;
    try (JobGroup ignored = JobGroup.of(spark.sparkContext(), "validate", "freshness", "freshness of each table")) {
      checks = Freshness.check(validated, request.runDate(), config.freshness());
    }
    manifest.freshness(checks);
    Freshness.refusal(checks).ifPresent(reason -> {
      throw new InputRefusedException(reason);
    });
    checks.forEach(c -> c.warning().ifPresent(manifest::warning));
    try (JobGroup ignored = JobGroup.of(spark.sparkContext(), "validate", "shapes", "shape warnings")) {
      manifest.shapeWarnings(ShapeWarnings.of(validated, request.runDate()));
    }
    if (config.volumeDropWarn() != null && previous.isPresent()) {
      Map<String, Long> now = new java.util.LinkedHashMap<>();
      validated.reports().values().forEach(r -> now.put(r.table(), r.accepted()));
      VolumeDrop.warnings(now, previous.get().acceptedRows(), config.volumeDropWarn(), previous.get().runId()).forEach(manifest::warning);
    }
  }

  /**
   * An ad-hoc run cut from the published nightly that holds its tables ({@link AdhocCut}): the
   * same tables, rejects and report as computing them, without Spark. The nightly's own lock is
   * held meanwhile, so a nightly of that date publishing at the same moment is not read half-way.
   */
  private ReportData cut(AdhocCut.Nightly nightly, TableWindow window, Path staging, RunManifest manifest) throws IOException {
    clock.start("cut");
    try (RunFolders nightlyLock = RunFolders.open(request.output(), request.runDate().toString(), request.lockWait())) {
      LOG.info("tables cut from the published nightly {}", nightly.folder());
      manifest.cutFrom(nightly.folder().toString());
      manifest.inputsOf(nightly.manifest());
      manifest.inputFingerprint(nightly.manifest().path("input_fingerprint").asText());
      manifest.usageRollup(nightly.manifest().path("usage_rollup").asText(null));
      manifest.freshnessOf(nightly.manifest());
      Map<String, ResultTable> tables = window.apply(PublishedRun.tables(nightly.folder()));
      Path metricsDir = Files.createDirectories(staging.resolve("metrics"));
      writing(staging, () -> {
        PathUtils.copyDirectory(nightly.folder().resolve("rejects"), staging.resolve("rejects"));
        writeCsv(tables, metricsDir);
        writeParquet(tables, metricsDir);
        ParquetTables.copyRows(nightly.folder().resolve("metrics/parquet").resolve(ACCOUNT_MRR),
            metricsDir.resolve("parquet").resolve(ACCOUNT_MRR), row -> window.keepsDrillDownRow(
                row.getString("month", 0), row.getFieldRepetitionCount("product_id") == 0 ? null : row.getString("product_id", 0)));
      });
      clock.start("render");
      return report(staging, manifest, tables, window.from().toString(), window.to().toString(),
          PublishedRun.inputs(nightly.manifest()), Optional.empty());
    }
  }

  private static void writeCsv(Map<String, ResultTable> tables, Path metricsDir) throws IOException {
    for (ResultTable table : tables.values()) {
      ResultTableCsv.write(table, metricsDir.resolve(table.name() + ".csv"));
    }
  }

  private static void writeParquet(Map<String, ResultTable> tables, Path metricsDir) throws IOException {
    for (MetricTable definition : CoreMetrics.TABLES) {
      if (tables.containsKey(definition.name())) {
        ParquetTables.write(definition, tables.get(definition.name()), metricsDir.resolve("parquet").resolve(definition.name()));
      }
    }
  }

  /** The charts and the PDF into {@code staging}, titled for the run; returns what they were drawn from. */
  private ReportData report(Path staging, RunManifest manifest, Map<String, ResultTable> tables, String historyFirst,
      String historyLast, List<ReportData.InputQuality> quality, Optional<ReportData.PriorRun> previous) throws IOException {
    String first = request.window().map(w -> w.from().toString()).orElse(historyFirst);
    String last = request.window().map(w -> w.to().toString()).orElse(historyLast);
    String scope = scope();
    manifest.report(scope, first, last, config.baseCurrency());
    ReportData data = new ReportData(request.runId(), scope, request.runDate(), first, last, config.baseCurrency(), tables,
        quality, previous, new ReportData.Settings(config.reportingTimezone().getId(), config.fiscalYearStartMonth(),
            config.lift().minGroupSize(), request.runDateFrom().key(), RunDiff.tolerances(config), config.reportHtmlAccounts()), manifest.warnings(), manifest.shapeSentences(),
        ReportData.supportOf(quality));
    writing(staging, () -> render(data, staging));
    return data;
  }

  /**
   * Adds the published nightly's tables to the run history, last: the run folder is already in
   * place, so a history that cannot be written costs the next runs their comparison, not this
   * run its folder. It is said on the log, and the next nightly of this date writes it again.
   */
  private void appendHistory(Path published, ReportData report) {
    try {
      JsonNode manifest = PublishedRun.manifest(published).orElseThrow();
      RunHistory.of(request.output(), LOG::warn).append(RunHistory.Entry.of(manifest, List.copyOf(report.tables().keySet())),
          report.tables(), config.historyKeepDays());
    } catch (IOException | RuntimeException e) {
      LOG.warn("the run history in {} was not updated: {}", request.output().resolve(RunHistory.FOLDER), e.toString());
    }
  }

  /** The Spark jobs per stage into run.json (none when the run never started Spark). */
  private void countJobs(RunManifest manifest) {
    if (jobs != null) {
      manifest.sparkJobs(jobs.perStage());
    }
  }

  /** Starts timing a stage and labels its Spark jobs with its name, until the label is closed. */
  private JobGroup stage(String name) {
    clock.start(name);
    return JobGroup.stage(spark.sparkContext(), name);
  }

  /** The charts, the PDF and report.html of a run into {@code folder}; the `report` command draws them again the same way. */
  static void render(ReportData data, Path folder) throws IOException {
    PngCharts.write(data, folder.resolve("charts"));
    ReportPdf.write(data, folder.resolve("report.pdf"));
    ReportHtml.write(data, data.settings().htmlAccounts(), folder.resolve("report.html"));
  }

  private static ReportData.InputQuality quality(TableReport r) {
    return new ReportData.InputQuality(r.table(), r.read(), r.accepted(), r.rejectedByReason(), r.duplicatesDropped(), r.future());
  }

  private interface Writes {
    void run() throws IOException;
  }

  /** An I/O error while writing names the folder it was writing to: "File too large" alone says nowhere. */
  private static void writing(Path folder, Writes writes) throws IOException {
    try {
      writes.run();
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw (IOException) new FileSystemException(folder.toString(), null, e.getMessage()).initCause(e);
    }
  }

  /** The drill-down rows inside an ad-hoc window and product filter (it has no segment column). */
  private static Dataset<Row> drillDownIn(Dataset<Row> accountMrr, TableWindow window) {
    // The same rule as TableWindow.keepsDrillDownRow, as a Spark filter.
    Dataset<Row> inWindow = accountMrr.filter(col("month").geq(window.from().toString()).and(col("month").leq(window.to().toString())));
    return window.product().map(p -> inWindow.filter(col("product_id").equalTo(p))).orElse(inWindow);
  }

  /** A refused or failed run publishes nothing; its run.json and rejects go to `_failed/` for a person to read. */
  private void keepFailure(RunFolders folders, Path staging, RunManifest manifest, RunManifest.Status status,
      String message, Instant started) {
    try {
      clock.stop();
      countJobs(manifest);
      manifest.end(status, message, clock.seconds(), Instant.now());
      Path failed = folders.failedFolder(STAMP.format(started));
      failedFolder = failed;
      Path rejects = staging.resolve("rejects");
      if (Files.isDirectory(rejects)) {
        Files.move(rejects, failed.resolve("rejects"));
      }
      manifest.write(failed.resolve("run.json"));
      Storage.deleteTree(staging);
    } catch (IOException | RuntimeException cleanup) {
      LOG.warn("could not keep the failed run's files: {}", cleanup.toString());
    }
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).sorted().forEach(p -> files.add(root.relativize(p).toString()));
    }
    files.add("run.json");
    return files;
  }
}

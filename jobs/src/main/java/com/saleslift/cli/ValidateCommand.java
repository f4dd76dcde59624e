package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.CsvTableReader;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.ValueParser;
import com.saleslift.ingest.sources.CanonicalRows;
import com.saleslift.run.MetricsRun;
import com.saleslift.run.SparkSizing;
import com.saleslift.storage.Storage;
import com.saleslift.validate.Freshness;
import com.saleslift.validate.TableReport;
import com.saleslift.validate.ValidatedInput;
import com.saleslift.validate.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Check an input folder against the contract and print what a run would accept; publishes nothing.")
public final class ValidateCommand implements Callable<Integer> {
  private static final int SHOWN_REJECTS = 5;

  @Mixin
  InputOptions inputs;

  @Spec
  CommandSpec spec;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateOption.class,
      description = "Run date for the as-of rule and freshness (default: as nightly, from config run_date).")
  LocalDate date;

  @Override
  public Integer call() {
    Logging.configure(inputs.verbose);
    SalesLiftConfig config = inputs.loadConfig();
    var parsed = InputReader.readAll(inputs.input, new ValueParser(config.sourceTimezone()), config.sources());
    LocalDate runDate = date != null ? date : config.runDate() == SalesLiftConfig.RunDate.INPUT_END
        ? MetricsRun.inputEnd(parsed.get(CanonicalTable.USAGE_EVENTS), config.reportingTimezone(), inputs.input)
        : LocalDate.now(config.reportingTimezone()).minusDays(1);
    SparkSession spark = SparkSessions.create(inputs.master);
    spark.conf().set("spark.sql.session.timeZone", config.reportingTimezone().getId());
    SparkSizing.apply(spark, SparkSizing.inputBytes(parsed.values()));
    ParsedFiles files = ParsedFiles.of(parsed);
    ValidatedInput validated = new Validation(spark, config, runDate).validate(parsed);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-17s %9s %9s %9s %10s %7s%n", "table", "read", "accepted", "rejected", "duplicates", "future");
    for (TableReport r : validated.reports().values()) {
      out.printf("%-17s %9d %9d %9d %10d %7d%n", r.table(), r.read(), r.accepted(), r.rejectedTotal(),
          r.duplicatesDropped(), r.future());
    }
    validated.rejects().forEach((table, rejects) -> show(out, rejects));
    bySourceFile(out, files, validated);
    validated.refusal(config.maxRejectRatio()).ifPresent(reason -> {
      throw new InputRefusedException(reason);
    });
    List<Freshness.Check> freshness = Freshness.check(validated, runDate, config.freshness());
    for (Freshness.Check c : freshness) {
      out.printf("freshness %-13s %-4s newest %s %s%n", c.table(), c.status(), c.newest() == null ? "none" : c.newest(),
          c.ageDays() == null ? "" : "(" + c.ageDays() + " days old)");
    }
    Freshness.refusal(freshness).ifPresent(reason -> {
      throw new InputRefusedException(reason);
    });
    out.println("valid: a run on " + runDate + " would accept this input");
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * How a file is named in the per-file lines: the files of a table's partition folders
   * (`usage_events/dt=2026-10-31/part-00000.csv` and its siblings) together as one name, so 730
   * days of exports are one line, not 730.
   */
  private static String shown(String file) {
    Path path = Storage.path(file);
    Path folder = path.getParent();
    if (folder == null || !CsvTableReader.isPartition(folder)) {
      return file;
    }
    String name = folder.getFileName().toString();
    return folder.getParent().resolve(name.substring(0, name.indexOf('=') + 1) + "*").resolve("*.csv").toString();
  }

  /**
   * What the per-file lines need of the parsed tables, counted before validation takes their rows:
   * per shown file, rows that passed the row rules and rows that did not; and the warnings.
   */
  private record ParsedFiles(Map<String, long[]> mapped, Map<String, Long> readNotMapped, List<String> warnings) {
    static ParsedFiles of(Map<CanonicalTable, ParsedTable> parsed) {
      Map<String, long[]> mapped = new TreeMap<>();
      Map<String, Long> readNotMapped = new TreeMap<>();
      for (ParsedTable table : parsed.values()) {
        table.files().forEach(f -> mapped.putIfAbsent(shown(f), new long[1]));
        table.rows().forEach(r -> mapped.computeIfAbsent(shown(r.getString(r.size() - 2)), f -> new long[1])[0]++);
        table.rejects().forEach(r -> readNotMapped.merge(shown(r.sourceFile()), 1L, Long::sum));
      }
      return new ParsedFiles(mapped, readNotMapped, parsed.values().stream().flatMap(t -> t.warnings().stream()).toList());
    }
  }

  /**
   * Per input file (a canonical CSV or a source export's object): rows read, mapped (passed the
   * row rules) and rejected by reason; then the source values that had no mapping, with how many
   * rows each cost, and the warnings (deleted, test-mode, proration rows left out).
   */
  private static void bySourceFile(PrintWriter out, ParsedFiles files, ValidatedInput validated) {
    Map<String, long[]> mapped = files.mapped();
    Map<String, Long> readNotMapped = files.readNotMapped();
    Map<String, Map<String, Long>> rejected = new TreeMap<>();
    Map<String, Long> unmapped = new TreeMap<>();
    validated.rejects().values().forEach(list -> list.forEach(r -> {
      rejected.computeIfAbsent(shown(r.sourceFile()), f -> new TreeMap<>()).merge(r.reason().name(), 1L, Long::sum);
      if (CanonicalRows.isUnmapped(r)) {
        unmapped.merge(r.detail(), 1L, Long::sum);
      }
    }));
    out.println("by file:");
    mapped.forEach((file, rows) -> {
      Map<String, Long> reasons = rejected.getOrDefault(file, Map.of());
      long bad = reasons.values().stream().mapToLong(Long::longValue).sum();
      out.printf("  %s: read %d, mapped %d, rejected %d%s%n", file, rows[0] + readNotMapped.getOrDefault(file, 0L), rows[0], bad,
          reasons.isEmpty() ? "" : " " + reasons);
    });
    if (!unmapped.isEmpty()) {
      out.println("values without a mapping:");
      unmapped.forEach((detail, rows) -> out.printf("  %s (%d rows)%n", detail, rows));
    }
    files.warnings().forEach(w -> out.println("warning: " + w));
  }

  private static void show(PrintWriter out, List<Reject> rejects) {
    rejects.stream().limit(SHOWN_REJECTS).forEach(r -> out.printf("  %s line %d column '%s': %s %s%n",
        r.sourceFile(), r.line(), r.column(), r.reason(), r.detail()));
    if (rejects.size() > SHOWN_REJECTS) {
      out.printf("  ... and %d more%n", rejects.size() - SHOWN_REJECTS);
    }
  }
}

package com.saleslift.run;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.CsvTableReader;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.ValueParser;
import com.saleslift.storage.Storage;
import com.saleslift.validate.ShapeWarnings;
import com.saleslift.validate.Freshness;
import com.saleslift.validate.ValidatedInput;
import com.saleslift.validate.Validation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * `validate`: an input folder through ingest and validation exactly as a run would take it (the
 * same run date, session settings and rules), publishing nothing. What it found is kept as values
 * for the command to print; refusals are values too, thrown by the caller once it has printed.
 */
public final class InputCheck {
  private InputCheck() {}

  /**
   * What validation made of the input: the run date it used, per input file the rows that passed
   * the row rules and those that did not (counted before validation takes the rows), the warnings
   * of the source exports, the validated tables and the freshness of each.
   */
  public record Result(LocalDate runDate, Map<String, Long> mapped, Map<String, Long> readNotMapped, List<String> warnings,
      ValidatedInput validated, List<Freshness.Check> freshness, List<ShapeWarnings.Warning> shapes) {}

  public static Result run(Supplier<SparkSession> sessions, SalesLiftConfig config, Path input, Optional<LocalDate> date) {
    Map<CanonicalTable, ParsedTable> parsed = InputReader.readAll(input, new ValueParser(config.sourceTimezone()), config.sources());
    LocalDate runDate = date.orElseGet(() -> config.runDate() == SalesLiftConfig.RunDate.INPUT_END
        ? MetricsRun.inputEnd(parsed.get(CanonicalTable.USAGE_EVENTS), config.reportingTimezone(), input)
        : LocalDate.now(config.reportingTimezone()).minusDays(1));
    SparkSession spark = sessions.get();
    SparkSizing.forInput(spark, config.reportingTimezone(), parsed.values());
    Map<String, Long> mapped = new TreeMap<>();
    Map<String, Long> readNotMapped = new TreeMap<>();
    for (ParsedTable table : parsed.values()) {
      table.files().forEach(f -> mapped.putIfAbsent(shown(f), 0L));
      table.rows().forEach(r -> mapped.merge(shown(r.getString(r.size() - 2)), 1L, Long::sum));
      table.rejects().forEach(r -> readNotMapped.merge(shown(r.sourceFile()), 1L, Long::sum));
    }
    List<String> warnings = parsed.values().stream().flatMap(t -> t.warnings().stream()).toList();
    ValidatedInput validated = new Validation(spark, config, runDate).validate(parsed);
    return new Result(runDate, mapped, readNotMapped, warnings, validated,
        Freshness.check(validated, runDate, config.freshness()), ShapeWarnings.of(validated, runDate));
  }

  /**
   * How a file is named in the per-file lines: the files of a table's partition folders
   * (`usage_events/dt=2026-10-31/part-00000.csv` and its siblings) together as one name, so 730
   * days of exports are one line, not 730.
   */
  public static String shown(String file) {
    Path path = Storage.path(file);
    Path folder = path.getParent();
    if (folder == null || !CsvTableReader.isPartition(folder)) {
      return file;
    }
    String name = folder.getFileName().toString();
    return folder.getParent().resolve(name.substring(0, name.indexOf('=') + 1) + "*").resolve("*.csv").toString();
  }
}

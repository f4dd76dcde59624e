package com.saleslift.notify;

import com.saleslift.config.SalesLiftConfig.Notify.Outcome;
import com.saleslift.report.ChangesText;
import com.saleslift.report.ExecutiveSummary;
import com.saleslift.report.ReportData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a notification says about one run, as plain values: how it ended, and either the executive
 * summary's figures, data warnings and findings of a published run, or the one-line reason of a
 * refused or failed one and where its run.json was kept. Never a name or id of an account: the
 * findings are the report's, which name none.
 *
 * @param scope "Nightly run" or "Ad-hoc run: ..."
 * @param runDate null when a run was refused before its date was known (`run_date: input_end`)
 * @param changesHeading "Since 2026-10-24": what {@code changes} compare with
 * @param changes page 2's "Since" lines: the real moves and the counts in and out of each list
 * @param report the published report.pdf; null for a run that published nothing
 * @param message the one-line reason of a refused or failed run; null when published
 * @param failedFolder where a refused or failed run kept its run.json and rejects; null if nowhere
 */
public record Notice(String runId, String scope, LocalDate runDate, Status status, List<String> warnings,
    List<Figure> headline, String changesHeading, List<String> changes, List<String> findings, Path report, String message,
    Path failedFolder) {

  /** How the run ended, as a subject line says it, and the outcome of `notify.on` it counts as. */
  public enum Status {
    PUBLISHED("published", Outcome.SUCCESS),
    PUBLISHED_WITH_WARNINGS("published with warnings", Outcome.WARNING),
    REFUSED("refused", Outcome.FAILURE),
    FAILED("failed", Outcome.FAILURE);

    private final String words;
    private final Outcome outcome;

    Status(String words, Outcome outcome) {
      this.words = words;
      this.outcome = outcome;
    }

    /** "published with warnings". */
    public String words() {
      return words;
    }

    /** "published_with_warnings": the webhook's `status`. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Outcome outcome() {
      return outcome;
    }

    public boolean published() {
      return outcome != Outcome.FAILURE;
    }
  }

  /** One headline figure as the executive summary prints it: "USD 12,345", "+USD 1,200", "n/a (n = 4)". */
  public record Figure(String figure, String now, String vsPrevious, String vsYearBefore) {}

  /** A published run: its report's executive summary. */
  public static Notice published(ReportData data, Path folder) {
    String currency = data.baseCurrency();
    List<Figure> headline = ExecutiveSummary.lines(data).stream().map(line -> new Figure(line.figure().title(data.runDate()),
        line.valueText(currency), line.changeText(line.vsPrevious(), currency), line.yearBeforeText(currency))).toList();
    Status status = data.warnings().isEmpty() ? Status.PUBLISHED : Status.PUBLISHED_WITH_WARNINGS;
    return new Notice(data.runId(), data.scope(), data.runDate(), status, List.copyOf(data.warnings()), headline,
        ChangesText.heading(data), ChangesText.since(data), ExecutiveSummary.findings(data), folder.resolve("report.pdf"), null, null);
  }

  /** A run that published nothing: why, in one line, and where its run.json is (if it got that far). */
  public static Notice failed(String runId, String scope, LocalDate runDate, Status status, String message,
      Optional<Path> failedFolder) {
    return new Notice(runId, scope, runDate, status, List.of(), List.of(), null, List.of(), List.of(), null, message,
        failedFolder.orElse(null));
  }

  /** "SalesLift 2026-11-30: published with warnings". */
  public String subject() {
    return "SalesLift " + runId + ": " + status.words();
  }
}

package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.NearMiss;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.sources.CanonicalRows;
import com.saleslift.run.InputCheck;
import com.saleslift.validate.Freshness;
import com.saleslift.validate.TableReport;
import com.saleslift.validate.ValidatedInput;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
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
    InputCheck.Result checked = InputCheck.run(() -> SparkSessions.create(inputs.master), config, inputs.input,
        Optional.ofNullable(date));
    ValidatedInput validated = checked.validated();
    PrintWriter out = spec.commandLine().getOut();
    out.println("config: " + (config.origin().file() == null ? "built-in defaults (no saleslift.yaml found)" : config.origin().file()));
    out.printf("%-17s %9s %9s %9s %10s %7s%n", "table", "read", "accepted", "rejected", "duplicates", "future");
    for (TableReport r : validated.reports().values()) {
      out.printf("%-17s %9d %9d %9d %10d %7d%n", r.table(), r.read(), r.accepted(), r.rejectedTotal(),
          r.duplicatesDropped(), r.future());
    }
    validated.rejects().forEach((table, rejects) -> show(out, rejects));
    bySourceFile(out, checked);
    validated.refusal(config.maxRejectRatio()).ifPresent(reason -> {
      throw new InputRefusedException(reason);
    });
    for (Freshness.Check c : checked.freshness()) {
      out.printf("freshness %-13s %-4s newest %s %s%n", c.table(), c.status(), c.newest() == null ? "none" : c.newest(),
          c.ageDays() == null ? "" : "(" + c.ageDays() + " days old)");
    }
    Freshness.refusal(checked.freshness()).ifPresent(reason -> {
      throw new InputRefusedException(reason);
    });
    checked.shapes().forEach(w -> out.println("shape: " + w.sentence()));
    List<String> leftOut = validated.support().describe();
    if (!leftOut.isEmpty()) {
      out.println("left out: what this input cannot support");
      leftOut.forEach(line -> out.println("  " + line));
    }
    out.println("valid: a run on " + checked.runDate() + " would accept this input");
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Per input file (a canonical CSV or a source export's object): rows read, mapped (passed the
   * row rules) and rejected by reason; then the source values that had no mapping, with how many
   * rows each cost, and the warnings (deleted, test-mode, proration rows left out).
   */
  private static void bySourceFile(PrintWriter out, InputCheck.Result checked) {
    Map<String, Long> mapped = checked.mapped();
    Map<String, Long> readNotMapped = checked.readNotMapped();
    Map<String, Map<String, Long>> rejected = new TreeMap<>();
    Map<String, Long> unmapped = new TreeMap<>();
    checked.validated().rejects().values().forEach(list -> list.forEach(r -> {
      rejected.computeIfAbsent(InputCheck.shown(r.sourceFile()), f -> new TreeMap<>()).merge(r.reason().name(), 1L, Long::sum);
      if (CanonicalRows.isUnmapped(r) || NearMiss.names(r.detail())) {
        unmapped.merge(r.detail(), 1L, Long::sum);
      }
    }));
    out.println("by file:");
    mapped.forEach((file, rows) -> {
      Map<String, Long> reasons = rejected.getOrDefault(file, Map.of());
      long bad = reasons.values().stream().mapToLong(Long::longValue).sum();
      out.printf("  %s: read %d, mapped %d, rejected %d%s%n", file, rows + readNotMapped.getOrDefault(file, 0L), rows, bad,
          reasons.isEmpty() ? "" : " " + reasons);
    });
    if (!unmapped.isEmpty()) {
      out.println("values without a mapping or a known key:");
      unmapped.forEach((detail, rows) -> out.printf("  %s (%d rows)%n", detail, rows));
    }
    checked.warnings().forEach(w -> out.println("warning: " + w));
  }

  private static void show(PrintWriter out, List<Reject> rejects) {
    rejects.stream().limit(SHOWN_REJECTS).forEach(r -> out.printf("  %s line %d column '%s': %s %s%n",
        r.sourceFile(), r.line(), r.column(), r.reason(), r.detail()));
    if (rejects.size() > SHOWN_REJECTS) {
      out.printf("  ... and %d more%n", rejects.size() - SHOWN_REJECTS);
    }
  }
}

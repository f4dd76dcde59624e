package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.ValueParser;
import com.saleslift.validate.TableReport;
import com.saleslift.validate.ValidatedInput;
import com.saleslift.validate.Validation;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Check an input folder against the contract and print what a run would accept; publishes nothing.")
public final class ValidateCommand implements Callable<Integer> {
  private static final int SHOWN_REJECTS = 5;

  @Mixin
  InputOptions inputs;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Run date for the as-of rule (default: yesterday in reporting_timezone).")
  LocalDate date;

  @Override
  public Integer call() {
    Logging.configure(inputs.verbose);
    SalesLiftConfig config = inputs.loadConfig();
    LocalDate runDate = date != null ? date : LocalDate.now(config.reportingTimezone()).minusDays(1);
    var parsed = InputReader.readAll(inputs.input, new ValueParser(config.sourceTimezone()), config.sources());
    SparkSession spark = SparkSessions.create(inputs.master);
    spark.conf().set("spark.sql.session.timeZone", config.reportingTimezone().getId());
    ValidatedInput validated = new Validation(spark, config, runDate).validate(parsed);
    System.out.printf("%-17s %9s %9s %9s %10s %7s%n", "table", "read", "accepted", "rejected", "duplicates", "future");
    for (TableReport r : validated.reports().values()) {
      System.out.printf("%-17s %9d %9d %9d %10d %7d%n", r.table(), r.read(), r.accepted(), r.rejectedTotal(),
          r.duplicatesDropped(), r.future());
    }
    validated.rejects().forEach((table, rejects) -> show(rejects));
    validated.refusal(config.maxRejectRatio()).ifPresent(reason -> {
      throw new InputRefusedException(reason);
    });
    System.out.println("valid: a run on " + runDate + " would accept this input");
    return ExitCodes.OK;
  }

  private static void show(List<Reject> rejects) {
    rejects.stream().limit(SHOWN_REJECTS).forEach(r -> System.out.printf("  %s line %d column '%s': %s %s%n",
        r.sourceFile(), r.line(), r.column(), r.reason(), r.detail()));
    if (rejects.size() > SHOWN_REJECTS) {
      System.out.printf("  ... and %d more%n", rejects.size() - SHOWN_REJECTS);
    }
  }
}

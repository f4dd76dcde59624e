package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.run.NightlyRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
    header = "Compute every table, chart and the PDF for one run date and publish reports/<date>/.")
public final class NightlyCommand implements Callable<Integer> {
  @Mixin
  InputOptions inputs;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Run date: nothing after its end is used (default: yesterday in reporting_timezone).")
  LocalDate date;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "reports",
      description = "Where run folders are published (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "3600",
      description = "How long to wait for another run of the same date to finish (default: ${DEFAULT-VALUE}).")
  long lockWaitSeconds;

  private final List<String> args;

  NightlyCommand(List<String> args) {
    this.args = args;
  }

  @Override
  public Integer call() throws Exception {
    Logging.configure(inputs.verbose);
    SalesLiftConfig config = inputs.loadConfig();
    LocalDate runDate = date != null ? date : LocalDate.now(config.reportingTimezone()).minusDays(1);
    NightlyRun.Request request = new NightlyRun.Request(runDate.toString(), runDate, inputs.input, output, args,
        Duration.ofSeconds(lockWaitSeconds), true);
    Path published = new NightlyRun(() -> SparkSessions.create(inputs.master), config, request).execute();
    System.out.println("published " + published);
    return ExitCodes.OK;
  }
}

package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
    header = "Compute every table, chart and the PDF for one run date and publish reports/<date>/.")
public final class NightlyCommand implements Callable<Integer> {
  @Mixin
  InputOptions inputs;

  @Mixin
  PublishOptions publish;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Run date: nothing after its end is used (default: yesterday in reporting_timezone).")
  LocalDate date;

  private final List<String> args;

  NightlyCommand(List<String> args) {
    this.args = args;
  }

  @Override
  public Integer call() throws Exception {
    Logging.configure(inputs.verbose);
    SalesLiftConfig config = inputs.loadConfig();
    LocalDate runDate = date != null ? date : LocalDate.now(config.reportingTimezone()).minusDays(1);
    return publish.run(inputs, config, runDate.toString(), runDate, args, Optional.empty());
  }
}

package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.run.MetricsRun;
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

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateOption.class,
      description = "Run date: nothing after its end is used (default: config run_date: yesterday in reporting_timezone, "
          + "or input_end: the day of the newest usage event).")
  LocalDate date;

  private final List<String> args;
  /** Where the secrets of `notify:` are read from. */
  private final java.util.function.Function<String, String> environment;

  NightlyCommand(List<String> args, java.util.function.Function<String, String> environment) {
    this.args = args;
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    Logging.configure(inputs.verbose);
    SalesLiftConfig config = inputs.loadConfig();
    if (date != null) {
      return publish.run(inputs, config, environment, date.toString(), date, MetricsRun.RunDateFrom.GIVEN, args, Optional.empty());
    }
    if (config.runDate() == SalesLiftConfig.RunDate.INPUT_END) {
      // The run's date, and so its id, are known once the input is read.
      return publish.run(inputs, config, environment, null, null, MetricsRun.RunDateFrom.INPUT_END, args, Optional.empty());
    }
    LocalDate yesterday = LocalDate.now(config.reportingTimezone()).minusDays(1);
    return publish.run(inputs, config, environment, yesterday.toString(), yesterday, MetricsRun.RunDateFrom.YESTERDAY, args, Optional.empty());
  }
}

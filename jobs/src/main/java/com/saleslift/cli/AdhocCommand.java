package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.run.MetricsRun;
import com.saleslift.table.TableWindow;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "adhoc", mixinStandardHelpOptions = true,
    header = "Every table, chart and the PDF for a window of months and optional filters: publishes reports/adhoc-<from>-<to>[-<segment>][-<product>]/.",
    description = "Computed exactly as a nightly run on the last day of --to (over the full history), then cut to the "
        + "rows whose month, cohort month, fiscal quarter or target period lies in the window and whose segment and product match.")
public final class AdhocCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions inputs;

  @Mixin
  PublishOptions publish;

  @Option(names = "--from", paramLabel = "YYYY-MM", required = true, converter = MonthOption.class,
      description = "First month of the window.")
  YearMonth from;

  @Option(names = "--to", paramLabel = "YYYY-MM", required = true, converter = MonthOption.class,
      description = "Last month of the window.")
  YearMonth to;

  @Option(names = "--segment", paramLabel = "B2B|B2C", description = "Only this segment.")
  String segment;

  @Option(names = "--product", paramLabel = "ID", description = "Only this product.")
  String product;

  private final List<String> args;
  /** Where the secrets of `notify:` are read from. */
  private final java.util.function.Function<String, String> environment;

  AdhocCommand(List<String> args, java.util.function.Function<String, String> environment) {
    this.args = args;
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    if (to.isBefore(from)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
    }
    if (segment != null && !com.saleslift.config.Codes.SEGMENTS.contains(segment)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--segment must be B2B or B2C, got '" + segment + "'");
    }
    Logging.configure(inputs.verbose);
    SalesLiftConfig config = inputs.loadConfig();
    TableWindow window = new TableWindow(from, to, Optional.ofNullable(segment), Optional.ofNullable(product),
        config.fiscalYearStartMonth());
    return publish.run(inputs, config, environment, window.runId(), to.atEndOfMonth(), MetricsRun.RunDateFrom.GIVEN, args,
        Optional.of(window));
  }
}

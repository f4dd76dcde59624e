package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.notify.DeliveryPolicy;
import com.saleslift.notify.Notifier;
import com.saleslift.run.MetricsRun;
import com.saleslift.table.TableWindow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of the commands that publish a run folder, and the one way they run. */
public final class PublishOptions {
  @Option(names = "--output", paramLabel = "DIR", converter = PathOption.class, defaultValue = PathOption.DEFAULT_OUTPUT,
      description = "Where run folders are published (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "3600",
      description = "How long to wait for another run of the same run id to finish (default: ${DEFAULT-VALUE}).")
  long lockWaitSeconds;

  @Option(names = "--full",
      description = "Parse every input file again and rebuild the state kept in <output>/_state, instead of parsing "
          + "only the files that are new or changed since the last run.")
  boolean full;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** The notifications of `notify:`, secrets from {@code environment}, warnings on standard error. */
  static Notifier notifier(SalesLiftConfig config, java.util.function.Function<String, String> environment, PrintWriter err) {
    return new Notifier(config.notifications(), environment, DeliveryPolicy.DEFAULT, line -> {
      err.println(line);
      err.flush();
    });
  }

  /**
   * Runs and publishes, showing each stage as it goes. The last lines printed are the run summary a
   * scheduler's log ends with: the folder, the report in it, and the report's headline figures.
   */
  int run(InputOptions inputs, SalesLiftConfig config, java.util.function.Function<String, String> environment, String runId, LocalDate runDate, MetricsRun.RunDateFrom from,
      List<String> args, Optional<TableWindow> window) throws Exception {
    MetricsRun.Request request = new MetricsRun.Request(runId, runDate, from, inputs.input, output, args,
        Duration.ofSeconds(lockWaitSeconds), window.isEmpty(), window, full);
    PrintWriter out = command.commandLine().getOut();
    MetricsRun.Published published;
    try (ConsoleProgress progress = ConsoleProgress.to(out)) {
      published = new MetricsRun(() -> SparkSessions.create(inputs.master), config, request, progress,
          notifier(config, environment, command.commandLine().getErr())).execute();
    }
    out.println("published " + published.folder());
    out.println("report: " + published.folder().resolve("report.pdf"));
    published.headline().forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }
}

package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.run.MetricsRun;
import com.saleslift.table.TableWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of the commands that publish a run folder, and the one way they run. */
public final class PublishOptions {
  @Option(names = "--output", paramLabel = "DIR", defaultValue = "reports",
      description = "Where run folders are published (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "3600",
      description = "How long to wait for another run of the same run id to finish (default: ${DEFAULT-VALUE}).")
  long lockWaitSeconds;

  @Option(names = "--full",
      description = "Parse every input file again and rebuild the state kept in <output>/_state, instead of parsing "
          + "only the files that are new or changed since the last run.")
  boolean full;

  /** Runs and publishes; prints the folder it published. */
  int run(InputOptions inputs, SalesLiftConfig config, String runId, LocalDate runDate, List<String> args,
      Optional<TableWindow> window) throws Exception {
    MetricsRun.Request request = new MetricsRun.Request(runId, runDate, inputs.input, output, args,
        Duration.ofSeconds(lockWaitSeconds), window.isEmpty(), window, full);
    Path published = new MetricsRun(() -> SparkSessions.create(inputs.master), config, request).execute();
    System.out.println("published " + published);
    return ExitCodes.OK;
  }
}

package com.saleslift.cli;

import com.saleslift.run.ReportRerun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    header = "Draw a published run's charts and PDF again from its metric tables, without Spark.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--run", paramLabel = "DIR", converter = PathOption.class, required = true, description = "The run folder, e.g. reports/2026-10-31.")
  Path run;

  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "3600",
      description = "How long to wait for a run of the same run id to finish (default: ${DEFAULT-VALUE}).")
  long lockWaitSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(run.resolve("run.json"))) {
      throw new ParameterException(spec.commandLine(), "--run: " + run + " is not a run folder (no run.json)");
    }
    Path published = ReportRerun.rerender(run, Duration.ofSeconds(lockWaitSeconds));
    spec.commandLine().getOut().println("published " + published);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

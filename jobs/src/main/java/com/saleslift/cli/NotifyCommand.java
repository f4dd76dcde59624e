package com.saleslift.cli;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.notify.Notifier;
import com.saleslift.run.RunNotification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "notify", mixinStandardHelpOptions = true,
    header = "Send a finished run's notification again, to every channel of notify: (to try the settings).",
    description = "Exit 0 only if every channel took it; 1 if one did not (the reason on stderr and in <output>/_notify/).")
public final class NotifyCommand implements Callable<Integer> {
  @Option(names = "--run", paramLabel = "DIR", converter = PathOption.class, required = true,
      description = "A run folder (reports/2026-10-31) or a failed run's (reports/_failed/2026-10-31-20261101T020000Z).")
  Path run;

  @Option(names = "--config", paramLabel = "FILE", converter = PathOption.class,
      description = "The configuration whose notify: to use (default: the file the run was configured with).")
  Path config;

  @Spec
  CommandSpec spec;

  /** Where the secrets of `notify:` are read from. */
  private final java.util.function.Function<String, String> environment;

  NotifyCommand(java.util.function.Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(run.resolve("run.json"))) {
      throw new ParameterException(spec.commandLine(), "--run: " + run + " is not a run folder (no run.json)");
    }
    SalesLiftConfig settings = RunNotification.config(run, Optional.ofNullable(config));
    PrintWriter out = spec.commandLine().getOut();
    List<Notifier.Delivery> deliveries = RunNotification.resend(run, PublishOptions.notifier(settings, environment, spec.commandLine().getErr()));
    deliveries.stream().filter(Notifier.Delivery::sent).forEach(d -> out.println("sent by " + d.channel() + " to " + d.target()));
    out.flush();
    return deliveries.stream().allMatch(Notifier.Delivery::sent) ? ExitCodes.OK : ExitCodes.INTERNAL;
  }
}

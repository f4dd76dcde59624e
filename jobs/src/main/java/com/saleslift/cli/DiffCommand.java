package com.saleslift.cli;

import com.saleslift.config.ConfigLoader;
import com.saleslift.report.ChangesJson;
import com.saleslift.report.ChangesText;
import com.saleslift.report.RunChanges;
import com.saleslift.run.RunDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    header = "What changed between two nightly runs: tables and columns, row counts, headline figures beyond their noise, "
        + "sales-lift verdicts, and the accounts in and out of each list.",
    description = {"RUN is a run date (2026-10-24), latest, latest~N (the newest run at least N days before the latest) "
        + "or a run folder. Reads only the two runs, from the run history of --output.",
        "Exit 0 with the changes (or \"no change\") on standard output; 2 when a RUN does not exist."})
public final class DiffCommand implements Callable<Integer> {
  enum Format { text, json }

  @Option(names = "--output", paramLabel = "DIR", converter = PathOption.class, defaultValue = PathOption.DEFAULT_OUTPUT,
      description = "The folder runs publish to, whose _history/ is read (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--from", paramLabel = "RUN", description = "The older run (default: latest~7, else the oldest run there is).")
  String from;

  @Option(names = "--to", paramLabel = "RUN", defaultValue = "latest", description = "The newer run (default: ${DEFAULT-VALUE}).")
  String to;

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      description = "text (default) or json: one JSON object {from, to, schema, rows, figures, lift, lists}.")
  Format format;

  @Option(names = "--config", paramLabel = "FILE", converter = PathOption.class, defaultValue = PathOption.DEFAULT_CONFIG,
      description = "Whose diff: tolerances to judge by (default: $SALESLIFT_CONFIG if set, else those the newer run was "
          + "published with, else the built-in defaults).")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<RunChanges.Tolerances> tolerances = Optional.ofNullable(config)
        .map(file -> RunDiff.tolerances(ConfigLoader.resolve(Optional.of(file), output)));
    RunDiff.Result result;
    try {
      result = RunDiff.between(output, from, to, tolerances, SalesLiftCli.warningsTo(spec.commandLine().getErr()));
    } catch (RunDiff.NoSuchRun e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? ChangesJson.of(result.changes()) : ChangesText.listing(result.changes(), result.currency()));
    out.flush();
    return ExitCodes.OK;
  }
}

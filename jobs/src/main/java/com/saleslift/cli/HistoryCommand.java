package com.saleslift.cli;

import com.saleslift.run.HistoryImport;
import com.saleslift.run.RunHistory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
    header = "List the runs in the run history of --output, or add run folders already published (--import).")
public final class HistoryCommand implements Callable<Integer> {
  @Option(names = "--output", paramLabel = "DIR", converter = PathOption.class, defaultValue = PathOption.DEFAULT_OUTPUT,
      description = "The folder runs publish to, whose _history/ this is (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--import", paramLabel = "DIR", converter = PathOption.class,
      description = "Add the nightly run folders found in DIR (e.g. reports/) from their metrics/*.csv and run.json; "
          + "dates already in the history are kept as they are.")
  Path importFrom;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RunHistory history = RunHistory.of(output, SalesLiftCli.warningsTo(spec.commandLine().getErr()));
    if (importFrom != null) {
      if (!Files.isDirectory(importFrom)) {
        throw new ParameterException(spec.commandLine(), "--import: " + importFrom + " is not a folder");
      }
      HistoryImport.from(importFrom, history).forEach(o -> out.println(o.folder().getFileName() + ": " + o.what()));
    }
    var runs = history.runs();
    out.println(runs.isEmpty() ? "no run history in " + history.root()
        : runs.size() + " runs in " + history.root() + ", " + runs.firstKey() + " to " + runs.lastKey());
    runs.values().forEach(e -> out.println("  " + e.runDate() + "  run " + e.runId() + ", version " + e.version()
        + ", published " + e.published() + ", " + e.tables().size() + " tables"));
    out.flush();
    return ExitCodes.OK;
  }
}

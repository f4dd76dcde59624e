package com.saleslift.support;

import com.saleslift.cli.SalesLiftCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The command line run in this JVM (on the shared SparkSession): its exit code and what it wrote to stderr. */
public record CliRun(int exit, String stderr) {

  public static CliRun of(List<String> args) {
    StringWriter err = new StringWriter();
    CommandLine cli = SalesLiftCli.commandLine(args);
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new CliRun(exit, err.toString());
  }

  public static CliRun of(String... args) {
    return of(List.of(args));
  }

  public List<String> stderrLines() {
    return stderr.lines().toList();
  }
}

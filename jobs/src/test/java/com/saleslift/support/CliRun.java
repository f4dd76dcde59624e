package com.saleslift.support;

import com.saleslift.cli.SalesLiftCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The command line run in this JVM (on the shared SparkSession): its exit code and what it wrote to stderr and stdout. */
public record CliRun(int exit, String stderr, String stdout) {

  public static CliRun of(List<String> args) {
    return of(System::getenv, args);
  }

  /** The command line with {@code environment} as the environment it reads secrets from. */
  public static CliRun of(java.util.function.Function<String, String> environment, List<String> args) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CommandLine cli = SalesLiftCli.commandLine(args, environment);
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new CliRun(exit, err.toString(), out.toString());
  }

  public static CliRun of(String... args) {
    return of(List.of(args));
  }

  public List<String> stderrLines() {
    return stderr.lines().toList();
  }
}

package com.saleslift.cli;

import com.saleslift.run.FailureReason;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "saleslift", mixinStandardHelpOptions = true, versionProvider = SalesLiftCli.VersionProvider.class,
    header = "Where sales effort adds value, and where the product sells itself.",
    description = "Exit codes: 0 published, 1 internal error, 2 usage or configuration error, 3 input refused.")
public final class SalesLiftCli {
  /** `--version`: the version the build wrote. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"SalesLift " + com.saleslift.run.Version.current()};
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine(List.of(args)).execute(args));
  }

  /** The command line with its subcommands and the exception -> exit code mapping of the exit codes above. */
  public static CommandLine commandLine(List<String> args) {
    return commandLine(args, System::getenv);
  }

  /**
   * The same, reading the secrets of `notify:` (the SMTP password, the webhook URL) from
   * {@code environment} instead of this process's environment: what a test hands in.
   */
  public static CommandLine commandLine(List<String> args, java.util.function.Function<String, String> environment) {
    CommandLine cli = new CommandLine(new SalesLiftCli())
        .addSubcommand(new NightlyCommand(args, environment))
        .addSubcommand(new AdhocCommand(args, environment))
        .addSubcommand(new ValidateCommand())
        .addSubcommand(new ReportCommand())
        .addSubcommand(new DiffCommand())
        .addSubcommand(new HistoryCommand())
        .addSubcommand(new GenerateCommand())
        .addSubcommand(new NotifyCommand(environment));
    cli.setExecutionStrategy(SalesLiftCli::runLastCatchingErrors);
    cli.setExecutionExceptionHandler(SalesLiftCli::onFailure);
    cli.setParameterExceptionHandler(SalesLiftCli::onUsageError);
    return cli;
  }

  /** Where a command's warnings go: one line each on standard error, "saleslift: warning: ...". */
  static java.util.function.Consumer<String> warningsTo(PrintWriter err) {
    return warning -> {
      err.println("saleslift: warning: " + warning);
      err.flush();
    };
  }

  /** A bad flag or value: one line naming it, and where help is (exit 2). */
  private static int onUsageError(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    String message = e.getMessage() == null ? "bad arguments" : FailureReason.firstLine(e.getMessage());
    err.println("saleslift: usage error: " + message + " (see: saleslift " + e.getCommandLine().getCommandName() + " --help)");
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * picocli hands exceptions to {@link #onFailure} but lets an Error (out of memory, a class that
   * failed to initialise) escape with a stack trace: wrap it so it gets the same one line and exit 1.
   */
  private static int runLastCatchingErrors(CommandLine.ParseResult parsed) {
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (Error e) {
      CommandLine command = parsed.subcommand() != null ? parsed.subcommand().commandSpec().commandLine() : parsed.commandSpec().commandLine();
      throw new CommandLine.ExecutionException(command, e.toString(), new ErrorAsException(e));
    }
  }

  /** An Error carried as an Exception, so it is reported like any other failure. */
  private static final class ErrorAsException extends RuntimeException {
    ErrorAsException(Error e) {
      super(e.toString(), e);
    }
  }

  /** One line on stderr saying what and where; the stack trace only with --verbose. */
  private static int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    Throwable failure = e instanceof ErrorAsException ? e.getCause() : e;
    int code = switch (FailureReason.Kind.of(e)) {
      case CONFIGURATION -> ExitCodes.USAGE;
      case INPUT_REFUSED -> ExitCodes.INPUT_REFUSED;
      case INTERNAL -> ExitCodes.INTERNAL;
    };
    err.println("saleslift: " + FailureReason.of(failure));
    if (command.getParseResult().hasMatchedOption("--verbose")) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}

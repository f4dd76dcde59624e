package com.saleslift.cli;

import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by every command that reads an input folder. */
public final class InputOptions {
  @Option(names = "--input", paramLabel = "DIR", converter = PathOption.class, defaultValue = PathOption.DEFAULT_INPUT,
      description = "Input folder of canonical tables (default: ${DEFAULT-VALUE}).")
  Path input;

  @Option(names = "--config", paramLabel = "FILE", converter = PathOption.class, defaultValue = PathOption.DEFAULT_CONFIG,
      description = "Run configuration (default: $SALESLIFT_CONFIG if set, else <input>/saleslift.yaml, else built-in defaults).")
  Path config;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: local[*], or what spark-submit set).")
  String master;

  @Option(names = {"-v", "--verbose"}, description = "Log what each stage did, Spark's own INFO lines too, and print stack traces on failure.")
  boolean verbose;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /**
   * Read and checked before Spark starts: a bad key exits 2 without starting it. A file the
   * lookup order passed over (the input's saleslift.yaml under $SALESLIFT_CONFIG) is said on stderr.
   */
  SalesLiftConfig loadConfig() {
    // --config's default is $SALESLIFT_CONFIG: typed on the command line, it is the flag; else the variable.
    boolean typed = spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption("--config");
    SalesLiftConfig loaded = ConfigLoader.resolve(Optional.ofNullable(typed ? config : null),
        Optional.ofNullable(typed ? null : config), input);
    loaded.origin().shadowNote().ifPresent(note -> {
      spec.commandLine().getErr().println("saleslift: " + note);
      spec.commandLine().getErr().flush();
    });
    return loaded;
  }
}

package com.saleslift.cli;

import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

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

  /** Read and checked before Spark starts: a bad key exits 2 without starting it. */
  SalesLiftConfig loadConfig() {
    return ConfigLoader.resolve(Optional.ofNullable(config), input);
  }
}

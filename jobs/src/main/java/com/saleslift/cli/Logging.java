package com.saleslift.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Quiet by default: stderr is for the one line that says what failed (it names the root cause,
 * so Spark's own error logs and stack traces are not needed there); --verbose shows each stage
 * and Spark's warnings and errors.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    Configurator.setLevel("com.saleslift", verbose ? Level.INFO : Level.WARN);
    Configurator.setRootLevel(verbose ? Level.WARN : Level.OFF);
  }
}

package com.saleslift.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;

/**
 * Quiet by default: stdout carries the progress lines and the run summary, stderr the one line
 * that says what failed (it names the root cause, so Spark's own error logs and stack traces are
 * not needed there); --verbose brings back the log: what each stage did, and Spark's INFO lines.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    // Spark sets up log4j the first time it logs, and under spark-submit a second time as the
    // session starts (it undoes its own first set-up for the application), loading its INFO
    // profile when the class path has no log4j2.properties. Let it do that now, silently, so the
    // levels set here are the ones the run keeps.
    new SparkConf(false).initializeLogIfNecessary(false, true);
    Configurator.setLevel("com.saleslift", verbose ? Level.INFO : Level.WARN);
    Configurator.setRootLevel(verbose ? Level.INFO : Level.OFF);
  }
}

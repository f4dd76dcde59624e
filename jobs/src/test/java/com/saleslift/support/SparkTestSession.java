package com.saleslift.support;

import com.saleslift.cli.SparkSessions;
import com.saleslift.run.SparkSizing;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession for the whole test run (one Surefire fork), made the way the CLI makes it. */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSessions.create("local[2]");
      reset(spark);
    }
    return spark;
  }

  /** The settings every test expects; a test that changes one for itself puts them back with this. */
  public static void reset(SparkSession spark) {
    // Sized as a run sizes itself for a tiny input: two shuffle partitions, no adaptive execution,
    // no generated code.
    SparkSizing.apply(spark, 0);
  }
}

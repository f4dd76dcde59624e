package com.saleslift.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The job as its own process, on the test class path: for tests where the process is the point. */
public final class JobProcess {
  private JobProcess() {}

  /** `java ... SalesLiftCli <args>` with Spark's JVM flags, a 1 GB heap, C1 only and the serial collector. */
  public static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("saleslift.spark.jvm.flags").split(" ")));
    // A JVM this short-lived spends more on C2's compiles than they win back: C1 only. And, as the
    // launcher runs a small input, the serial collector: no collector threads taking the cores
    // the other test classes run on meanwhile.
    command.addAll(List.of("-Xmx1g", "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "com.saleslift.cli.SalesLiftCli"));
    command.addAll(args);
    return command;
  }

  /** A process builder for {@code command} with Spark bound to loopback. */
  public static ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder;
  }
}

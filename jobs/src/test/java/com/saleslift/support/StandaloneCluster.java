package com.saleslift.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback: one Master and one Worker process started from the
 * jars of the launcher's classpath, no Spark download. The Worker builds its executors' command
 * lines from {@code $SPARK_HOME/jars/*}, so the cluster gets a SPARK_HOME whose jars/ links every
 * jar of that classpath. Closing it stops both processes and the executors they started.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /**
   * JVM options of the cluster's processes, its executors' too ({@code spark.executor.extraJavaOptions}):
   * they live a minute or two on a small input, too short for C2's compiles to pay back, and a
   * test run on two cores has no CPU to spare for them (the launcher runs small inputs alike).
   */
  public static final String SHORT_LIVED_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private final Path home;
  private final List<String> classpath;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  private StandaloneCluster(Path home, List<String> classpath, int port) {
    this.home = home;
    this.classpath = classpath;
    this.port = port;
  }

  /** Starts a Master and a Worker with {@code cores} cores and {@code memory} (e.g. "2g"), and waits until the Worker has registered. */
  public static StandaloneCluster start(Path home, List<String> classpath, int cores, String memory) throws IOException, InterruptedException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String jar : classpath) {
      Path target = Path.of(jar);
      if (jar.endsWith(".jar") && !Files.exists(jars.resolve(target.getFileName()))) {
        Files.createSymbolicLink(jars.resolve(target.getFileName()), target);
      }
    }
    StandaloneCluster cluster = new StandaloneCluster(home, classpath, freePort());
    try {
      // Without its REST submission server, which would take a fixed port (6066) on the machine.
      cluster.launch("master", List.of("org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(cluster.port), "--webui-port", Integer.toString(freePort())),
          "-Dspark.master.rest.enabled=false");
      cluster.await(cluster.log("master"), "I have been elected leader!");
      cluster.launch("worker", List.of("org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", memory, "--webui-port", Integer.toString(freePort()),
          "--work-dir", Files.createDirectories(home.resolve("work")).toString(), cluster.masterUrl()));
      cluster.await(cluster.log("worker"), "Successfully registered with master");
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** Runs a Java main class against this cluster's SPARK_HOME, output to {@code <home>/<name>.log}; returns the process. */
  public Process launch(String name, List<String> mainAndArguments, String... jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("saleslift.spark.jvm.flags").split(" ")));
    command.addAll(Arrays.asList(jvmOptions));
    command.addAll(List.of(SHORT_LIVED_JVM.split(" ")));
    command.addAll(List.of("-Xmx1g", "-cp", String.join(":", classpath)));
    command.addAll(mainAndArguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  public Path log(String name) {
    return home.resolve(name + ".log");
  }

  private void await(Path log, String line) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("a cluster process ended while starting; its log: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no \"" + line + "\" in " + log + " after " + START_TIMEOUT.toSeconds() + " s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the Worker before the Master (the Worker stops its executors), then anything left of them. */
  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }
}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as its own process, killed with SIGKILL at several moments of a rerun: the published
 * folder of the run id stays the previous complete run, byte for byte, and the next run cleans
 * up what the killed ones left. Here the process is the point, so it is spawned.
 */
class KilledRunTest {
  private static final String DATE = "2024-06-30";
  @TempDir
  Path dir;

  @Test
  void aKilledRerunLeavesThePreviousRunWholeAndTheNextRunCleansUp() throws Exception {
    Path input = dir.resolve("in");
    copy(Path.of(KilledRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    Path output = dir.resolve("out");
    assertThat(runToEnd(input, output)).isZero();
    Map<String, byte[]> published = snapshot(output.resolve(DATE));
    assertThat(published).containsKeys("run.json", "report.pdf", "metrics/mrr_movements.csv");

    // A rerun on changed input, killed early, in the middle, and late.
    Files.writeString(input.resolve("subscriptions.csv"),
        Files.readString(input.resolve("subscriptions.csv")).replace("team,5,100", "team,5,140"));
    for (long seconds : new long[] {3, 12, 25}) {
      Process rerun = start(input, output);
      if (!rerun.waitFor(seconds, TimeUnit.SECONDS)) {
        rerun.destroyForcibly().waitFor();
      }
      assertThat(snapshot(output.resolve(DATE))).as("after a kill at " + seconds + " s").containsExactlyInAnyOrderEntriesOf(published);
      assertThat(Files.readString(output.resolve("latest")).strip()).isEqualTo(DATE);
    }

    assertThat(runToEnd(input, output)).isZero();
    try (Stream<Path> left = Files.list(output)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(RunFolders.STAGING) || n.startsWith(RunFolders.PREVIOUS));
    }
    assertThat(Files.readString(output.resolve(DATE).resolve("metrics/mrr_movements.csv"))).contains("140.00");
  }

  @Test
  void aSecondRunOfTheSameDateWaitsThenGivesUpWithAClearMessage() throws Exception {
    Path input = dir.resolve("in");
    copy(Path.of(KilledRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    Path output = dir.resolve("out");
    Process first = start(input, output);
    Path lock = output.resolve(".lock-" + DATE);
    for (int i = 0; i < 100 && !Files.exists(lock); i++) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
    Process second = start(input, output, "--lock-wait", "2");
    assertThat(second.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String said = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(second.exitValue()).as(said).isEqualTo(1);
    assertThat(said.strip()).isEqualTo("saleslift: internal error: another run of " + DATE + " still holds " + lock
        + " after 2 s; nothing was published");
    assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(Files.readString(output.resolve(DATE).resolve("run.json"))).contains("\"status\" : \"SUCCEEDED\"");
  }

  private static int runToEnd(Path input, Path output) throws IOException, InterruptedException {
    Process p = start(input, output);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return p.exitValue();
  }

  private static Process start(Path input, Path output, String... more) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("saleslift.spark.jvm.flags").split(" ")));
    // Compiling generated code costs more than it saves on a fixture this small.
    command.addAll(List.of("-Xmx1g", "-Djava.awt.headless=true", "-Dspark.sql.codegen.wholeStage=false",
        "-Dspark.sql.codegen.factoryMode=NO_CODEGEN", "-cp", System.getProperty("java.class.path"),
        "com.saleslift.cli.SalesLiftCli", "nightly", "--input", input.toString(), "--output", output.toString(),
        "--date", DATE, "--master", "local[1]"));
    command.addAll(Arrays.asList(more));
    // The runs under test log to a file; a run told to give up is read directly.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (more.length == 0) {
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolveSibling("process.log").toFile()));
    }
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static Map<String, byte[]> snapshot(Path run) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(run)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(run.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static void copy(Path from, Path to) throws IOException, URISyntaxException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.InputFolder;
import com.saleslift.support.JobProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as its own process, killed with SIGKILL at several moments of a rerun, or out of disk
 * space: the published folder of the run id stays the previous complete run, byte for byte, and
 * the next run cleans up what the failed ones left. Runs of the same date at once wait for each
 * other or give up clearly. Here the process is the point, so it is spawned; and since its work
 * is done by its processes, it runs beside the other test classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class KilledRunTest {
  private static final String DATE = "2024-06-30";
  @TempDir
  Path dir;

  @Test
  void aKilledRerunLeavesThePreviousRunWholeAndTheNextRunCleansUp() throws Exception {
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(KilledRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    Path output = dir.resolve("out");
    assertThat(runToEnd(input, output)).isZero();
    Map<String, byte[]> published = snapshot(output.resolve(DATE));
    assertThat(published).containsKeys("run.json", "report.pdf", "metrics/mrr_movements.csv");

    // A rerun on changed input, killed early (once ingest is done), in the middle (validation
    // done) and late (the Parquet copies written, the report being drawn): moments told by the
    // run's own progress lines, so they hold however fast the machine is.
    Files.writeString(input.resolve("subscriptions.csv"),
        Files.readString(input.resolve("subscriptions.csv")).replace("team,5,100", "team,5,140"));
    Path log = output.resolveSibling("process.log");
    for (String stage : new String[] {"ingest", "validate", "parquet"}) {
      long logged = Files.size(log);
      Process rerun = start(command(input, output), true);
      awaitStageEnd(log, logged, stage, rerun);
      rerun.destroyForcibly().waitFor();
      assertThat(snapshot(output.resolve(DATE))).as("after a kill once " + stage + " ended").containsExactlyInAnyOrderEntriesOf(published);
      assertThat(Files.readString(output.resolve("latest")).strip()).isEqualTo(DATE);
    }

    // The disk fills up: no file may grow past 100 KB (the PDF is bigger). The write fails, the
    // run says so in one line and exits 1, and the published run stays as it was.
    Process full = start(withFileSizeLimit(100, command(input, output)), false);
    assertThat(full.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String said = said(full).strip();
    assertThat(full.exitValue()).as(said).isEqualTo(1);
    assertThat(said).doesNotContain("\n").startsWith("saleslift: internal error: ").contains("File too large");
    assertThat(snapshot(output.resolve(DATE))).as("after a full disk").containsExactlyInAnyOrderEntriesOf(published);

    assertThat(runToEnd(input, output)).isZero();
    try (Stream<Path> left = Files.list(output)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(RunFolders.STAGING) || n.startsWith(RunFolders.PREVIOUS));
    }
    assertThat(Files.readString(output.resolve(DATE).resolve("metrics/mrr_movements.csv"))).contains("140.00");
  }

  @Test
  void runsOfTheSameDateAtOnceWaitForEachOtherOrGiveUpClearlyAndNeverMix() throws Exception {
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(KilledRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    Path output = dir.resolve("out");
    Process first = start(command(input, output), true);
    Path lock = output.resolve(".lock-" + DATE);
    for (int i = 0; i < 100 && !Files.exists(lock); i++) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
    Process patient = start(command(input, output, "--lock-wait", "600"), false);
    Process impatient = start(command(input, output, "--lock-wait", "2"), false);
    assertThat(impatient.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String said = said(impatient);
    assertThat(impatient.exitValue()).as(said).isEqualTo(1);
    assertThat(said.strip()).isEqualTo("saleslift: internal error: another run of " + DATE + " still holds " + lock
        + " after 2 s; nothing was published");

    assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).isZero();
    Map<String, byte[]> byFirst = snapshot(output.resolve(DATE));
    assertThat(new String(byFirst.get("run.json"), java.nio.charset.StandardCharsets.UTF_8)).contains("\"status\" : \"SUCCEEDED\"");

    // The patient run waited for the lock, then replaced the folder with its own complete run.
    assertThat(patient.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(patient.exitValue()).as(said(patient)).isZero();
    Map<String, byte[]> byPatient = snapshot(output.resolve(DATE));
    // Parquet part files carry a random id in their names: compare the folders that hold them.
    assertThat(byPatient.keySet().stream().map(KilledRunTest::withoutPartName))
        .containsExactlyInAnyOrderElementsOf(byFirst.keySet().stream().map(KilledRunTest::withoutPartName).toList());
    for (String file : byFirst.keySet()) {
      if (file.startsWith("metrics/") && file.endsWith(".csv")) {
        assertThat(byPatient.get(file)).as(file).isEqualTo(byFirst.get(file));
      }
    }
    assertThat(byPatient.get("run.json")).isNotEqualTo(byFirst.get("run.json"));
  }

  /** Waits until the run's progress line for the end of {@code stage} shows in its log past {@code from}. */
  private static void awaitStageEnd(Path log, long from, String stage, Process run) throws IOException, InterruptedException {
    java.util.regex.Pattern ended = java.util.regex.Pattern.compile(" saleslift: " + stage + " +\\d");
    // Generous: the other test classes share the machine meanwhile.
    for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); System.nanoTime() < deadline; ) {
      byte[] bytes = Files.readAllBytes(log);
      String since = new String(bytes, (int) from, bytes.length - (int) from, java.nio.charset.StandardCharsets.UTF_8);
      if (ended.matcher(since).find()) {
        return;
      }
      assertThat(run.isAlive()).as("the run ended before " + stage + " did; its log: " + since).isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("no end of " + stage + " in 5 minutes");
  }

  private static int runToEnd(Path input, Path output) throws IOException, InterruptedException {
    Process p = start(command(input, output), true);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return p.exitValue();
  }

  private static List<String> command(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("nightly", "--input", input.toString(), "--output", output.toString(),
        "--date", DATE, "--master", "local[1]"));
    args.addAll(Arrays.asList(more));
    return JobProcess.command(args);
  }

  /**
   * The command under a file size limit, the way a full disk looks to the job: a write past the
   * limit fails with an I/O error (SIGXFSZ is ignored, so the write returns EFBIG instead of
   * killing the process).
   */
  private static List<String> withFileSizeLimit(int kilobytes, List<String> command) {
    List<String> limited = new ArrayList<>(List.of("bash", "-c", "trap '' XFSZ; ulimit -f " + kilobytes + "; exec \"$@\"", "bash"));
    limited.addAll(command);
    return limited;
  }

  /**
   * A run either logs everything to a file (toLog) or has its standard error read by the test
   * (its standard output, the progress lines, is dropped).
   */
  private static Process start(List<String> command, boolean toLog) throws IOException {
    ProcessBuilder builder = JobProcess.builder(command);
    if (toLog) {
      Path output = Path.of(command.get(command.indexOf("--output") + 1));
      builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolveSibling("process.log").toFile()));
    } else {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    return builder.start();
  }

  /** What a run the test reads directly printed on standard error. */
  private static String said(Process run) throws IOException {
    return new String(run.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String withoutPartName(String file) {
    return file.replaceAll("part-\\d+-[0-9a-f-]+", "part-*");
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
}

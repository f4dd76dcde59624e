package com.saleslift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and the one-line message of docs/operations.md, for the failures a user meets first. */
class CliTest {
  @TempDir
  Path dir;
  private CliRun last;

  @BeforeAll
  static void sparkFirst() {
    SparkTestSession.get();
  }

  private int run(String... args) {
    last = CliRun.of(args);
    return last.exit();
  }

  private String errorLine() {
    List<String> lines = last.stderrLines();
    assertThat(lines).as("stderr: " + last.stderr()).hasSize(1);
    return lines.get(0);
  }

  private Path smallCompany(String accounts) {
    return new InputFolder(dir.resolve("in"))
        .config("max_reject_ratio: 0.5\n")
        .table("accounts", accounts)
        .table("subscriptions", "S1,A1,p,,,100,,2024-01-01,")
        .write();
  }

  private String[] nightly(Path input) {
    return new String[] {"nightly", "--input", input.toString(), "--output", dir.resolve("out").toString(), "--date", "2024-03-31"};
  }

  @Test
  void unknownFlagIsAUsageError() {
    assertThat(run("nightly", "--colour")).isEqualTo(ExitCodes.USAGE);
    assertThat(last.stderr()).contains("Unknown option: '--colour'");
  }

  @Test
  void everyBadDateOrMonthIsOneLineNamingTheOptionAndTheForm() {
    String usage = "saleslift: usage error: Invalid value for option ";
    assertThat(run("nightly", "--date", "2026-02-30")).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).isEqualTo(usage + "'--date': '2026-02-30' is not a day of the calendar; expected YYYY-MM-DD,"
        + " e.g. 2026-11-30 (see: saleslift nightly --help)");
    assertThat(run("nightly", "--date", "2026-13-01")).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).contains("'--date': '2026-13-01' is not a day of the calendar");
    for (String notADate : new String[] {"2026-1-01", "01.12.2026", "20261201", "yesterday", "2026-12-01T00:00"}) {
      assertThat(run("nightly", "--date", notADate)).isEqualTo(ExitCodes.USAGE);
      assertThat(errorLine()).isEqualTo(usage + "'--date': '" + notADate + "' is not a date of the form YYYY-MM-DD,"
          + " e.g. 2026-11-30 (see: saleslift nightly --help)");
    }
    assertThat(run("adhoc", "--from", "2024-3", "--to", "2024-09")).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).isEqualTo(usage + "'--from': '2024-3' is not a month of the form YYYY-MM, e.g. 2026-03"
        + " (see: saleslift adhoc --help)");
    assertThat(run("adhoc", "--from", "2024-03", "--to", "2024-13")).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).isEqualTo(usage + "'--to': '2024-13' is not a month of the year; expected YYYY-MM, e.g. 2026-03"
        + " (see: saleslift adhoc --help)");
  }

  @Test
  void aConfigFileThatIsNotThereIsAConfigurationError() throws IOException {
    Path input = smallCompany("A1,,B2B,,,,,,2024-01-01T00:00:00Z");
    Path missing = dir.resolve("nowhere.yaml");
    String[] args = {"nightly", "--input", input.toString(), "--output", dir.resolve("out").toString(), "--date", "2024-03-31",
        "--config", missing.toString()};
    assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).isEqualTo("saleslift: configuration error: " + missing + ": config file not found");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void relativePathsAreTheCallersAndTheDefaultFoldersTheInstallations() throws IOException {
    // This JVM's working directory is the caller's (the launcher no longer moves it): a relative
    // --input and --output resolve there, and run.json names what was read.
    Path here = Path.of("").toAbsolutePath();
    Path input = smallCompany("A1,,B2B,,,,,,2024-01-01T00:00:00Z");
    Path output = dir.resolve("out");
    assertThat(run("nightly", "--input", here.relativize(input).toString(), "--output", here.relativize(output).toString(),
        "--date", "2024-03-31")).as(last.stderr()).isZero();
    assertThat(output.resolve("2024-03-31/report.pdf")).exists();
    assertThat(run("report", "--run", here.relativize(output.resolve("2024-03-31")).toString())).as(last.stderr()).isZero();
    // Without --input, the folder of the installation (saleslift.home, set by the launcher), not of the caller.
    String before = System.getProperty("saleslift.home");
    System.setProperty("saleslift.home", dir.resolve("home").toString());
    try {
      assertThat(run("validate")).isEqualTo(ExitCodes.INPUT_REFUSED);
      assertThat(errorLine()).contains(dir.resolve("home").resolve("data-samples").toString());
    } finally {
      if (before == null) {
        System.clearProperty("saleslift.home");
      } else {
        System.setProperty("saleslift.home", before);
      }
    }
  }

  @Test
  void unknownConfigKeyIsAUsageErrorNamingTheKey() throws IOException {
    Path input = new InputFolder(dir.resolve("in")).config("lift:\n  bootstrap: 10\n").write();
    assertThat(run(nightly(input))).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).isEqualTo("saleslift: configuration error: " + input.resolve("saleslift.yaml") + ": unknown key 'lift.bootstrap'");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void missingRequiredColumnRefusesTheInputAndPublishesNothing() throws IOException {
    Path input = smallCompany("A1,,B2B,,,,,,2024-01-01T00:00:00Z");
    Files.writeString(input.resolve("accounts.csv"), "account_id,created_at\nA1,2024-01-01T00:00:00Z\n");
    assertThat(run(nightly(input))).isEqualTo(ExitCodes.INPUT_REFUSED);
    assertThat(errorLine()).isEqualTo("saleslift: input refused: accounts: " + input.resolve("accounts.csv")
        + " line 1: missing required column 'segment'");
    assertThat(dir.resolve("out").resolve("2024-03-31")).doesNotExist();
    assertThat(failedRunJson()).contains("\"status\" : \"REFUSED\"");
  }

  @Test
  void missingTableRefusesTheInput() throws IOException {
    Path input = smallCompany("A1,,B2B,,,,,,2024-01-01T00:00:00Z");
    Files.delete(input.resolve("usage_events.csv"));
    assertThat(run(nightly(input))).isEqualTo(ExitCodes.INPUT_REFUSED);
    assertThat(errorLine()).startsWith("saleslift: input refused: usage_events: missing table");
  }

  /**
   * A file: URI names the same folder as its path (the refusal names the table in it); a scheme no
   * Hadoop file system on the class path serves is a usage error, not a folder named "s3a:".
   * (hdfs: itself: HdfsStorageTest.)
   */
  @Test
  void fileUrisAreFoldersAndUnservedSchemesAreUsageErrors() throws IOException {
    Path input = smallCompany("A1,,B2B,,,,,,2024-01-01T00:00:00Z");
    Files.delete(input.resolve("usage_events.csv"));
    String[] args = nightly(input);
    args[2] = input.toUri().toString();
    assertThat(args[2]).startsWith("file:/");
    assertThat(run(args)).isEqualTo(ExitCodes.INPUT_REFUSED);
    assertThat(errorLine()).startsWith("saleslift: input refused: usage_events: missing table");

    assertThat(run("nightly", "--input", "nosuchfs://host/saleslift/in")).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).contains("'nosuchfs://host/saleslift/in': no Hadoop file system for nosuchfs: on the class path");
    assertThat(run("nightly", "--output", "s3a://bucket/reports")).isEqualTo(ExitCodes.USAGE);
    assertThat(errorLine()).contains("no Hadoop file system for s3a: on the class path (s3a: needs the hadoop-aws connector");
  }

  @Test
  void badEnumAndOrphanAreRejectedRowsAndTheRunPublishes() throws IOException {
    Path input = smallCompany("""
        A1,,B2B,,,,,,2024-01-01T00:00:00Z
        A2,,B2G,,,,,,2024-01-01T00:00:00Z
        A3,,B2C,,,,,R7,2024-01-01T00:00:00Z
        A4,,B2C,,,,,,2024-01-01T00:00:00Z
        A5,,B2C,,,,,,2024-01-01T00:00:00Z
        """);
    assertThat(run(nightly(input))).isEqualTo(ExitCodes.OK);
    assertThat(last.stderr()).isEmpty();
    List<String> rejects = Files.readAllLines(dir.resolve("out/2024-03-31/rejects/accounts.csv"), StandardCharsets.UTF_8);
    assertThat(rejects).hasSize(3);
    assertThat(rejects.get(1)).startsWith(input.resolve("accounts.csv") + ",3,BAD_ENUM,segment,");
    assertThat(rejects.get(2)).startsWith(input.resolve("accounts.csv") + ",4,ORPHAN,owner_rep_id,unknown reps key 'R7'");
  }

  @Test
  void tooManyRejectsRefusesNamingTheTableAndKeepsTheRejects() throws IOException {
    Path input = smallCompany("""
        A1,,B2B,,,,,,2024-01-01T00:00:00Z
        A2,,B2G,,,,,,2024-01-01T00:00:00Z
        """);
    Files.writeString(input.resolve("saleslift.yaml"), "max_reject_ratio: 0.2\n");
    assertThat(run(nightly(input))).isEqualTo(ExitCodes.INPUT_REFUSED);
    assertThat(errorLine()).startsWith("saleslift: input refused: accounts: 1 of 2 rows rejected (ratio 0.5, above max_reject_ratio 0.2)");
    try (Stream<Path> failed = Files.list(dir.resolve("out/_failed"))) {
      Path run = failed.findFirst().orElseThrow();
      assertThat(run.resolve("rejects/accounts.csv")).exists();
    }
  }

  @Test
  void anUnwritableOutputIsAnInternalErrorWithAClearLine() throws IOException {
    Path input = smallCompany("A1,,B2B,,,,,,2024-01-01T00:00:00Z");
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
    String[] args = {"nightly", "--input", input.toString(), "--output", blocker.resolve("reports").toString(), "--date", "2024-03-31"};
    assertThat(run(args)).isEqualTo(ExitCodes.INTERNAL);
    assertThat(errorLine()).startsWith("saleslift: internal error: cannot write " + blocker);
  }

  private String failedRunJson() throws IOException {
    try (Stream<Path> failed = Files.list(dir.resolve("out/_failed"))) {
      return Files.readString(failed.findFirst().orElseThrow().resolve("run.json"));
    }
  }

  /** The planted effects the help names are the generator's own: the sample's B2B enterprise lift is 0.35. */
  @Test
  void generateHelpNamesTheGeneratorsDefaults() {
    CliRun help = CliRun.of("generate", "--help");
    String text = help.stdout().replaceAll("\\s+", " ");
    assertThat(text).contains("B2B/ENT=0.35", "B2B/MID=0.30", "B2B/SMB=0.15", "--as");
    com.saleslift.generate.SampleGenerator.DEFAULT_EFFECTS.keySet().forEach(cell -> assertThat(text).contains(cell + "="));
  }
}

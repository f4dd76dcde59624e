package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freshness and volume on the small valid company of the bad-input corpus, whose newest rows are
 * usage 2024-02-11, opportunity created 2024-04-01, activity 2024-02-05, subscription ended 2024-05-01
 * (its newest start 2024-03-01). Ages at 2024-06-30: 140, 90, 146 and 60 days.
 */
class DataWarningsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LIMITS = """
      max_reject_ratio: 0.5
      freshness:
        usage_events: {warn_after_days: 200}
        opportunities: {warn_after_days: 90}
        activities: null
        subscriptions: {warn_after_days: 59, error_after_days: %s}
      """;
  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void aStaleTableWarnsOnTheFirstTwoPagesAndAShrunkenOneToo() throws Exception {
    Path input = company(dir, "null");
    Path output = dir.resolve("out");
    // The day before: every table within its limits (subscriptions 59 days old, not past 59).
    CliRun first = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", "2024-06-29");
    assertThat(first.exit()).as(first.stderr()).isZero();
    JsonNode before = runJson(output.resolve("2024-06-29"));
    assertThat(before.get("warnings")).isEmpty();
    assertThat(statuses(before)).containsExactly("usage_events OK 2024-02-11 139", "opportunities OK 2024-04-01 89",
        "subscriptions OK 2024-05-01 59");

    // Three of the four usage events gone (e4, the newest, stays): 1 accepted row against 4.
    List<String> events = Files.readAllLines(input.resolve("usage_events.csv"));
    Files.write(input.resolve("usage_events.csv"), List.of(events.get(0), events.get(4)));
    CliRun second = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", "2024-06-30");
    assertThat(second.exit()).as(second.stderr()).isZero();
    Path run = output.resolve("2024-06-30");
    JsonNode now = runJson(run);
    assertThat(statuses(now)).containsExactly("usage_events OK 2024-02-11 140", "opportunities OK 2024-04-01 90",
        "subscriptions WARN 2024-05-01 60");
    String stale = "Subscriptions may be stale: the newest start_date or end_date is 2024-05-01, 60 days before the run date"
        + " (a warning after 59 days).";
    String shrunk = "Usage events dropped from 4 accepted rows in the run of 2024-06-29 to 1 (a warning below 50% of the previous run).";
    assertThat(now.get("warnings")).extracting(JsonNode::asText).containsExactly(stale, shrunk);
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      for (int page = 1; page <= 2; page++) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        String text = stripper.getText(pdf).replaceAll("\\s+", " ");
        assertThat(text).as("page " + page).contains("Data warnings", "Subscriptions may be stale", "Usage events dropped from 4");
      }
    }
    assertThat(pageTwo(output.resolve("2024-06-29"))).contains("Since the previous run", "No earlier run to compare with.");
    assertThat(pageTwo(run)).contains("Since 2024-06-29", "Accounts to engage: ", "Accounts at risk: ");

    // Both nightlies are in the run history; an ad-hoc run (cut from the nightly) adds nothing to it.
    assertThat(CliRun.of("adhoc", "--input", input.toString(), "--output", output.toString(), "--from", "2024-01", "--to", "2024-06")
        .exit()).isZero();
    try (Stream<Path> runs = Files.list(output.resolve("_history/_runs"))) {
      assertThat(runs).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("2024-06-29.json", "2024-06-30.json");
    }
    CliRun diff = CliRun.of("diff", "--output", output.toString(), "--format", "json");
    assertThat(diff.exit()).as(diff.stderr()).isZero();
    JsonNode changes = JSON.readTree(diff.stdout());
    assertThat(changes.get("from").asText()).isEqualTo("2024-06-29");
    assertThat(changes.get("to").asText()).isEqualTo("2024-06-30");
  }

  private static String pageTwo(Path run) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(2);
      stripper.setEndPage(2);
      return stripper.getText(pdf).replaceAll("\\s+", " ");
    }
  }

  @Test
  void aTablePastItsErrorLimitRefusesTheRun() throws Exception {
    Path input = company(dir, "59");
    Path output = dir.resolve("out");
    CliRun refused = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", "2024-06-30");
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.stderrLines()).containsExactly("saleslift: input refused: subscriptions: the newest start_date or end_date"
        + " is 2024-05-01, 60 days old at the run date, over freshness.subscriptions.error_after_days 59");
    assertThat(output.resolve("2024-06-30")).doesNotExist();
    try (Stream<Path> failed = Files.list(output.resolve("_failed"))) {
      JsonNode kept = runJson(failed.findFirst().orElseThrow());
      assertThat(kept.get("status").asText()).isEqualTo("REFUSED");
      assertThat(statuses(kept)).contains("subscriptions ERROR 2024-05-01 60");
    }
  }

  private static Path company(Path dir, String subscriptionsErrorAfter) throws Exception {
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(DataWarningsTest.class.getResource("/bad-inputs/_base").toURI()), input);
    Files.writeString(input.resolve("saleslift.yaml"), LIMITS.formatted(subscriptionsErrorAfter));
    return input;
  }

  private static JsonNode runJson(Path run) throws IOException {
    return JSON.readTree(run.resolve("run.json").toFile());
  }

  private static List<String> statuses(JsonNode run) {
    return java.util.stream.StreamSupport.stream(run.get("freshness").spliterator(), false)
        .map(c -> c.get("table").asText() + " " + c.get("status").asText() + " " + c.get("newest").asText() + " "
            + c.get("age_days").asText())
        .toList();
  }
}

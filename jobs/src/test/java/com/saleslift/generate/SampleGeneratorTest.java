package com.saleslift.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {
  @TempDir
  Path dir;

  /** data-samples/ is exactly what `generate` writes with its defaults: deterministic, and committed as generated. */
  @Test
  void theCommittedSamplesAreTheGeneratorsOutput() throws IOException {
    SampleGenerator.write(dir, new SampleGenerator.Settings(SampleGenerator.SAMPLE_ACCOUNTS, 24, 7, LocalDate.of(2026, 10, 31)));
    Path samples = Path.of("..", "data-samples");
    List<Path> files;
    try (Stream<Path> listing = Files.list(samples)) {
      files = listing.sorted().toList();
    }
    assertThat(files).hasSize(12);
    for (Path file : files) {
      assertThat(Files.readAllBytes(dir.resolve(file.getFileName()))).as(file.toString()).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void itsHistoryEndsOnTheLastDayAsked() throws IOException {
    SampleGenerator.write(dir, new SampleGenerator.Settings(300, 12, 3, LocalDate.of(2025, 6, 30)));
    List<String> events = Files.readAllLines(dir.resolve("usage_events.csv"));
    assertThat(events.stream().skip(1).map(l -> l.split(",")[1].substring(0, 10)).max(String::compareTo).orElseThrow())
        .isLessThanOrEqualTo("2025-06-30");
    assertThat(Files.readAllLines(dir.resolve("accounts.csv"))).hasSize(1 + 300);
  }

  /**
   * At scale: about the asked number of events per account, the same events whether written in
   * one file or one folder per day, each in the folder of its UTC day.
   */
  @Test
  void eventsPerAccountAndDayPartitions() throws IOException {
    LocalDate end = LocalDate.of(2025, 6, 30);
    Path single = dir.resolve("single");
    Path partitioned = dir.resolve("partitioned");
    SampleGenerator.write(single, new SampleGenerator.Settings(200, 12, 5, end, SampleGenerator.DEFAULT_EFFECTS, 60, false));
    SampleGenerator.write(partitioned, new SampleGenerator.Settings(200, 12, 5, end, SampleGenerator.DEFAULT_EFFECTS, 60, true));

    List<String> events = Files.readAllLines(single.resolve("usage_events.csv"));
    // 200 accounts at about 60 each (0 to twice the missing ones, drawn uniformly), plus 40 repeats.
    assertThat(events.size() - 1).isBetween(200 * 50, 200 * 70);
    assertThat(Files.exists(partitioned.resolve("usage_events.csv"))).isFalse();
    List<String> fromPartitions = new java.util.ArrayList<>();
    try (Stream<Path> days = Files.list(partitioned.resolve("usage_events"))) {
      for (Path day : days.sorted().toList()) {
        List<String> lines = Files.readAllLines(day.resolve("part-00000.csv"));
        assertThat(lines.get(0)).isEqualTo(events.get(0));
        String date = day.getFileName().toString().substring("dt=".length());
        lines.stream().skip(1).forEach(l -> assertThat(java.time.OffsetDateTime.parse(l.split(",")[1])
            .atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate()).hasToString(date));
        fromPartitions.addAll(lines.subList(1, lines.size()));
      }
    }
    assertThat(fromPartitions).containsExactlyInAnyOrderElementsOf(events.subList(1, events.size()));
    for (String table : List.of("accounts.csv", "opportunities.csv", "subscriptions.csv")) {
      assertThat(Files.readAllBytes(partitioned.resolve(table))).isEqualTo(Files.readAllBytes(single.resolve(table)));
    }
  }

  @Test
  void aHoldoutShareItsConfigurationWouldRefuseIsRefusedHere() {
    // The generated saleslift.yaml carries the share on: a share its loader refuses never gets that far.
    assertThatThrownBy(() -> new SampleGenerator.Holdout(new BigDecimal("0.12345"), 0.6,
        Path.of("reports"))).hasMessage("the holdout share is read in ten-thousandths; got 0.12345");
    assertThatThrownBy(() -> new SampleGenerator.Holdout(BigDecimal.ONE, 0.6,
        Path.of("reports"))).hasMessage("the holdout share must be above 0 and below 1 (null turns the holdout off), got 1");
  }
}

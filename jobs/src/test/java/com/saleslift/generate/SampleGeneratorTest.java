package com.saleslift.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
    SampleGenerator.write(dir, new SampleGenerator.Settings(2000, 24, 7, LocalDate.of(2026, 10, 31)));
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
}

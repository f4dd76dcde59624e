package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.generate.SampleGenerator;
import com.saleslift.support.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly as a scheduler runs it while day partitions arrive: a run that parses only the
 * new day and builds on the usage state publishes the same tables, byte for byte, as a `--full`
 * run that parses and rolls up everything.
 */
class IncrementalRunTest {
  private static final LocalDate END = LocalDate.of(2026, 10, 31);

  @Test
  void anIncrementalRunPublishesWhatAFullRunPublishes(@TempDir Path dir) throws IOException {
    Path input = dir.resolve("in");
    SampleGenerator.write(input, new SampleGenerator.Settings(80, 6, 11, END, SampleGenerator.DEFAULT_EFFECTS, 30, true));
    Path lastDay = input.resolve("usage_events/dt=" + END);
    Path aside = dir.resolve("aside");
    Files.move(lastDay, aside);
    Path incremental = dir.resolve("incremental");
    Path full = dir.resolve("full");

    CliRun before = nightly(input, incremental, END.minusDays(1), false);
    Files.move(aside, lastDay);
    CliRun next = nightly(input, incremental, END, false);
    CliRun rebuilt = nightly(input, full, END, true);

    assertThat(List.of(before.exit(), next.exit(), rebuilt.exit())).as(next.stderr() + rebuilt.stderr()).containsOnly(0);
    JsonNode cache = new ObjectMapper().readTree(incremental.resolve(END + "/run.json").toFile()).path("parse_cache").path("usage_events");
    assertThat(cache.path("files_parsed").asInt()).isEqualTo(1);
    assertThat(cache.path("files_reused").asInt()).isGreaterThan(150);
    JsonNode fromScratch = new ObjectMapper().readTree(full.resolve(END + "/run.json").toFile()).path("parse_cache").path("usage_events");
    assertThat(fromScratch.path("files_reused").asInt()).isZero();
    // The incremental run read none of the old events: it merged the new day into the usage state.
    assertThat(new ObjectMapper().readTree(incremental.resolve(END + "/run.json").toFile()).path("usage_rollup").asText())
        .isEqualTo("built on the usage state: 1 new file");
    assertThat(new ObjectMapper().readTree(full.resolve(END + "/run.json").toFile()).path("usage_rollup").asText())
        .isEqualTo("every event read: --full was asked");
    // validate names the day partitions together, not one line per day.
    CliRun validate = CliRun.of("validate", "--input", input.toString(), "--date", END.toString());
    assertThat(validate.stdout()).contains(input.resolve("usage_events/dt=*/*.csv") + ": read ").doesNotContain("dt=2026");
    for (String folder : List.of("metrics", "rejects")) {
      List<Path> files = filesUnder(full.resolve(END + "/" + folder));
      assertThat(files).isNotEmpty().isEqualTo(filesUnder(incremental.resolve(END + "/" + folder)).stream()
          .map(p -> full.resolve(END.toString()).resolve(incremental.resolve(END.toString()).relativize(p))).toList());
      for (Path f : files) {
        Path same = incremental.resolve(END.toString()).resolve(full.resolve(END.toString()).relativize(f));
        assertThat(Files.readAllBytes(same)).as(f.toString()).isEqualTo(Files.readAllBytes(f));
      }
    }
  }

  private static CliRun nightly(Path input, Path output, LocalDate date, boolean full) {
    List<String> args = new java.util.ArrayList<>(List.of("nightly", "--input", input.toString(), "--output", output.toString(),
        "--date", date.toString()));
    if (full) {
      args.add("--full");
    }
    return CliRun.of(args);
  }

  /** The CSV tables of a folder (Parquet files carry writer ids and are compared by the CSVs they were made from). */
  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }
}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.saleslift.storage.Storage;
import com.saleslift.support.CliRun;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history's folder rules, on hand-built tables: no Spark. */
class RunHistoryTest {
  @TempDir
  Path output;

  private final List<String> warnings = new ArrayList<>();

  private RunHistory history() {
    return RunHistory.of(output, warnings::add);
  }

  private static RunHistory.Entry entry(LocalDate date) {
    return new RunHistory.Entry(date, date.toString(), "1.0", null, "f", Instant.parse("2026-11-01T02:00:00Z"), "EUR", List.of(),
        Map.of("accounts", 10L));
  }

  /** An at-risk list of one account with {@code mrr}, and a lift table with a decimal, an empty cell and text. */
  private static Map<String, ResultTable> tables(String mrr) {
    Map<String, ResultTable> t = new LinkedHashMap<>();
    t.put("accounts_at_risk", new ResultTable("accounts_at_risk", List.of("account_id", "account_name", "mrr", "events_last_28d",
        "signals"), List.of(List.of("A1", "Caf\u00e9 \"&\" Co", mrr, "3", "USAGE_DROP"))));
    t.put("sales_lift", new ResultTable("sales_lift", List.of("segment", "size_band", "outcome", "treated_n", "adjusted_lift",
        "ci_low", "ci_high", "verdict"), List.of(List.of("B2B", "MID", "CONVERTED_180D", "40", "-0.1250", "", "", "NO_CLEAR_EFFECT"))));
    return t;
  }

  @Test
  void aRunReadsBackAsTheCellsItsCsvHolds() throws IOException {
    history().append(entry(LocalDate.of(2026, 10, 24)), tables("1234.50"), 400);

    RunHistory.Snapshot read = history().read(history().runs().get(LocalDate.of(2026, 10, 24)));
    assertThat(read.tables()).isEqualTo(tables("1234.50"));
    assertThat(read.unreadable()).isEmpty();
    assertThat(read.entry().tables()).containsExactly("accounts_at_risk", "sales_lift");
    assertThat(read.entry().acceptedRows()).containsEntry("accounts", 10L);
    assertThat(read.entry().baseCurrency()).isEqualTo("EUR");
    assertThat(output.resolve("_history/accounts_at_risk/run_date=2026-10-24/part-00000.gz.parquet")).isRegularFile();
    assertThat(output.resolve("_history/_runs/2026-10-24.json")).isRegularFile();
  }

  @Test
  void aRerunOfADateReplacesItsPartition() throws IOException {
    LocalDate date = LocalDate.of(2026, 10, 24);
    history().append(entry(date), tables("100.00"), 400);
    history().append(entry(date), tables("200.00"), 400);

    assertThat(history().runs()).containsOnlyKeys(date);
    assertThat(history().read(history().runs().get(date)).tables()).isEqualTo(tables("200.00"));
    try (Stream<Path> parts = Files.list(output.resolve("_history/accounts_at_risk"))) {
      assertThat(parts).extracting(p -> p.getFileName().toString()).containsExactly("run_date=2026-10-24");
    }
    try (Stream<Path> left = Files.list(output.resolve("_history"))) {
      assertThat(left).noneMatch(p -> p.getFileName().toString().startsWith(".staging-")
          || p.getFileName().toString().startsWith(".previous-"));
    }
  }

  /**
   * A rerun of 10-24 killed at each step of its swap: the next append (of another date) puts 10-24
   * back as it was, whole, and keeps what was committed before.
   */
  @Test
  void aRunKilledWhileAppendingLeavesThePreviousHistoryWhole() throws IOException {
    LocalDate date = LocalDate.of(2026, 10, 24);
    Path history = output.resolve("_history");
    for (int killedAfter = 0; killedAfter < 4; killedAfter++) {
      deleteIfThere(history);
      history().append(entry(date.minusDays(1)), tables("50.00"), 400);
      history().append(entry(date), tables("100.00"), 400);

      // The steps of a rerun of 10-24 with MRR 999.00, stopped after step `killedAfter`.
      Path staging = Files.createDirectory(history.resolve(".staging-2026-10-24-x"));
      RunHistory.of(output.resolve("elsewhere"), warnings::add).append(entry(date), tables("999.00"), 400);
      for (String table : List.of("accounts_at_risk", "sales_lift")) {
        Files.move(output.resolve("elsewhere/_history").resolve(table).resolve("run_date=2026-10-24"), staging.resolve(table));
      }
      Path aside = history.resolve(".previous-2026-10-24-x");
      if (killedAfter >= 1) {
        Files.createDirectory(aside);
        Files.move(history.resolve("_runs/2026-10-24.json"), aside.resolve("run.json"));
      }
      if (killedAfter >= 2) {
        // One of the two old partitions moved aside, the other still in place.
        Files.move(history.resolve("accounts_at_risk/run_date=2026-10-24"), aside.resolve("accounts_at_risk"));
      }
      if (killedAfter >= 3) {
        Files.move(history.resolve("sales_lift/run_date=2026-10-24"), aside.resolve("sales_lift"));
        Files.createFile(aside.resolve("_ALL_MOVED"));
        // The first new partition moved in.
        Files.move(staging.resolve("accounts_at_risk"), history.resolve("accounts_at_risk/run_date=2026-10-24"),
            StandardCopyOption.ATOMIC_MOVE);
      }

      history().append(entry(date.plusDays(1)), tables("300.00"), 400);

      assertThat(history().runs()).as("killed after step " + killedAfter).containsOnlyKeys(date.minusDays(1), date, date.plusDays(1));
      assertThat(history().read(history().runs().get(date)).tables()).as("killed after step " + killedAfter).isEqualTo(tables("100.00"));
      assertThat(history().read(history().runs().get(date.minusDays(1))).tables()).isEqualTo(tables("50.00"));
      try (Stream<Path> left = Files.list(history)) {
        assertThat(left).noneMatch(p -> p.getFileName().toString().startsWith(".staging-")
            || p.getFileName().toString().startsWith(".previous-"));
      }
      deleteIfThere(output.resolve("elsewhere"));
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void anAppendThatFailsLeavesTheHistoryAsItWasAtOnce() throws IOException {
    LocalDate date = LocalDate.of(2026, 10, 24);
    history().append(entry(date), tables("100.00"), 400);
    // events_last_28d is a whole number in accounts_at_risk: this table cannot be written.
    Map<String, ResultTable> broken = tables("999.00");
    broken.put("accounts_at_risk", new ResultTable("accounts_at_risk", List.of("account_id", "events_last_28d"),
        List.of(List.of("A1", "many"))));

    assertThatThrownBy(() -> history().append(entry(date), broken, 400)).isInstanceOf(NumberFormatException.class);
    assertThat(history().read(history().runs().get(date)).tables()).isEqualTo(tables("100.00"));
    try (Stream<Path> left = Files.list(output.resolve("_history"))) {
      assertThat(left).noneMatch(p -> p.getFileName().toString().startsWith(".staging-"));
    }
  }

  private static void deleteIfThere(Path folder) throws IOException {
    if (Files.exists(folder)) {
      Storage.deleteTree(folder);
    }
  }

  @Test
  void aDamagedPartitionIsNamedAndSkippedNeverReadAsEmpty() throws IOException {
    LocalDate date = LocalDate.of(2026, 10, 24);
    history().append(entry(date), tables("100.00"), 400);
    Path part = output.resolve("_history/accounts_at_risk/run_date=2026-10-24/part-00000.gz.parquet");
    Files.write(part, "not parquet at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    RunHistory.Snapshot read = history().read(history().runs().get(date));
    assertThat(read.tables()).containsOnlyKeys("sales_lift");
    assertThat(read.unreadable()).containsExactly("accounts_at_risk");
    assertThat(warnings).singleElement().asString().contains(part.getParent().toString(), "accounts_at_risk of 2026-10-24 is skipped");
  }

  @Test
  void pruningKeepsTheDatesWithinKeepDaysOfTheNewest() throws IOException {
    LocalDate first = LocalDate.of(2026, 10, 1);
    for (int day = 0; day <= 10; day++) {
      history().append(entry(first.plusDays(day)), tables("1.00"), 3);
    }
    // Newest 10-11; 10-08 is 3 days before it and kept, 10-07 is older and pruned with its partitions.
    assertThat(history().runs().keySet()).containsExactly(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 9),
        LocalDate.of(2026, 10, 10), LocalDate.of(2026, 10, 11));
    try (Stream<Path> parts = Files.list(output.resolve("_history/sales_lift"))) {
      assertThat(parts).hasSize(4);
    }
    // null keeps every date.
    history().append(entry(LocalDate.of(2027, 1, 1)), tables("1.00"), null);
    assertThat(history().runs()).hasSize(5);
  }

  @Test
  void latestMinusSevenResolvesByDateNotByPositionWhenNightsAreMissing() throws IOException {
    for (int day = 15; day <= 31; day++) {
      if (day != 24 && day != 27) {
        history().append(entry(LocalDate.of(2026, 10, day)), tables(day + ".00"), 400);
      }
    }
    // Seven runs back would be 10-22; seven days back is 10-24, missing, so the newest before it: 10-23.
    RunDiff.Result diff = RunDiff.between(output, null, null, Optional.empty(), warnings::add);
    assertThat(diff.changes().from()).isEqualTo(LocalDate.of(2026, 10, 23));
    assertThat(diff.changes().to()).isEqualTo(LocalDate.of(2026, 10, 31));
    // Only the default falls back to the oldest run; asked for, latest~100 is not there.
    assertThatThrownBy(() -> RunDiff.between(output, "latest~100", null, Optional.empty(), warnings::add))
        .isInstanceOf(RunDiff.NoSuchRun.class).hasMessageStartingWith("latest~100: no run in the history is 100 days older");
    Storage.deleteTree(output.resolve("_history"));
    history().append(entry(LocalDate.of(2026, 10, 29)), tables("1.00"), 400);
    history().append(entry(LocalDate.of(2026, 10, 31)), tables("2.00"), 400);
    assertThat(RunDiff.between(output, null, null, Optional.empty(), warnings::add).changes().from())
        .isEqualTo(LocalDate.of(2026, 10, 29));
  }

  @Test
  void aRunThatIsNotThereIsAUsageErrorNamingTheDatesThatAre() throws IOException {
    history().append(entry(LocalDate.of(2026, 10, 23)), tables("1.00"), 400);
    history().append(entry(LocalDate.of(2026, 10, 25)), tables("2.00"), 400);

    assertThatThrownBy(() -> RunDiff.between(output, "2026-10-24", null, Optional.empty(), warnings::add))
        .isInstanceOf(RunDiff.NoSuchRun.class)
        .hasMessageContaining("2026-10-24: no run of 2026-10-24").hasMessageEndingWith("dates there: 2026-10-23, 2026-10-25");
    CliRun run = CliRun.of("diff", "--output", output.toString(), "--from", "2026-10-24");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderrLines()).singleElement().asString().startsWith("saleslift: usage error: 2026-10-24: no run of 2026-10-24")
        .contains("2026-10-23, 2026-10-25");
    CliRun json = CliRun.of("diff", "--output", output.toString(), "--format", "json");
    assertThat(json.exit()).isEqualTo(0);
    assertThat(json.stdout()).contains("\"from\" : \"2026-10-23\"", "\"to\" : \"2026-10-25\"");
    CliRun none = CliRun.of("diff", "--output", output.toString(), "--from", "latest", "--to", "latest");
    assertThat(none.stdout()).isEqualTo("no change\n");
  }

  @Test
  void runFoldersAlreadyPublishedCanBeImported() throws IOException {
    Path reports = output.resolve("reports");
    Path run = Files.createDirectories(reports.resolve("2026-10-24/metrics"));
    for (ResultTable t : tables("42.00").values()) {
      com.saleslift.table.ResultTableCsv.write(t, run.resolve(t.name() + ".csv"));
    }
    Files.writeString(reports.resolve("2026-10-24/run.json"), """
        {"run_id": "2026-10-24", "run_date": "2026-10-24", "version": "0.9", "status": "SUCCEEDED",
         "ended_at": "2026-10-25T02:10:00Z", "config_sha256": null, "input_fingerprint": "abc",
         "report": {"base_currency": "EUR"}, "input_tables": {"accounts": {"rows_accepted": 7}}}
        """);
    Files.createDirectories(reports.resolve("2026-10-25"));
    Files.createDirectories(reports.resolve("adhoc-2026-01-2026-03"));

    CliRun imported = CliRun.of("history", "--output", reports.toString(), "--import", reports.toString());
    assertThat(imported.exit()).isEqualTo(0);
    assertThat(imported.stdout()).contains("2026-10-24: added 2026-10-24 (2 tables)",
        "2026-10-25: passed over: not a published run", "1 runs in");
    com.saleslift.report.ReportData.PriorRun read = RunHistory.of(reports, warnings::add).before(LocalDate.of(2026, 10, 25)).orElseThrow();
    assertThat(read.tables()).isEqualTo(tables("42.00"));
    assertThat(read.acceptedRows()).containsEntry("accounts", 7L);
    assertThat(CliRun.of("history", "--output", reports.toString(), "--import", reports.toString()).stdout())
        .contains("2026-10-24: kept: 2026-10-24 is already in the history");
  }

  /** What the report compares a new run with: the newest date before it, with its tables. */
  @Test
  void theRunBeforeADateIsTheNewestEarlierOne() throws IOException {
    history().append(entry(LocalDate.of(2026, 10, 17)), tables("1.00"), 400);
    history().append(entry(LocalDate.of(2026, 10, 24)), tables("2.00"), 400);
    history().append(entry(LocalDate.of(2026, 10, 31)), tables("3.00"), 400);

    assertThat(history().before(LocalDate.of(2026, 10, 31)).orElseThrow().runDate()).isEqualTo(LocalDate.of(2026, 10, 24));
    assertThat(history().before(LocalDate.of(2026, 10, 24)).orElseThrow().tables()).isEqualTo(tables("1.00"));
    assertThat(history().before(LocalDate.of(2026, 10, 17))).isEmpty();
  }
}

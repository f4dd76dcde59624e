package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.CsvTableReader;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.ParseCache;
import com.saleslift.ingest.ValueParser;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage rollup built on the kept state, day by day as partitions arrive, against the same
 * rollup and report made from every event; and each case where the state cannot say exactly
 * what every event would, which must send the run to every event.
 */
class UsageValidationTest {
  private static final LocalDate DAY1 = LocalDate.of(2024, 6, 1);
  private static final String ACCOUNTS = """
      A1,,B2B,,,,,,2024-06-01T00:00:00Z
      A2,,B2C,,,,,,2024-05-01T00:00:00Z
      """;
  /** A1's 55 events in its first hours: more than the 50 earliest times the state keeps whatever they are. */
  private static final String DAY1_EVENTS = IntStream.range(0, 55)
      .mapToObj(i -> String.format(java.util.Locale.ROOT, "a%02d,2024-06-01T%02d:%02d:00Z,A1,,p,open", i, 1 + i / 60, i % 60))
      .collect(Collectors.joining("\n")) + """

      b1,2024-06-01T08:00:00Z,A2,,q,open
      b2,2024-06-01T09:00:00Z,A2,,q,invite
      b2,2024-06-01T09:00:00Z,A2,,q,invite
      c1,2024-06-01T10:00:00Z,A3,,p,open
      late,2024-06-02T10:00:00Z,A2,,p,open
      """;

  @TempDir
  Path dir;

  @Test
  void dayByDayOnTheStateIsWhatEveryEventSays() throws IOException {
    InputFolder folder = new InputFolder(dir.resolve("in")).config("max_reject_ratio: 1\n")
        .table("accounts", ACCOUNTS)
        .partition("usage_events", "2024-06-01", DAY1_EVENTS);
    Path input = folder.write();

    // Day 1: no state yet. c1's account does not exist and "late" is dated after the run date: both held.
    ValidatedInput first = withState(input, DAY1);
    assertThat(first.usage().history()).isEqualTo("every event read: there is no usage state yet");
    assertSame(first, Pipeline.validate(input, DAY1));
    assertThat(first.reports().get(CanonicalTable.USAGE_EVENTS).future()).isEqualTo(1);

    // Day 2: A3 now exists; a new day arrives. Held rows are decided again, new rows join the state.
    folder.table("accounts", ACCOUNTS + "A3,,B2B,,,,,,2024-05-31T12:00:00Z\n")
        .partition("usage_events", "2024-06-02", """
            d1,2024-06-02T11:00:00Z,A1,,q,open
            d2,2024-06-02T12:00:00Z,A2,,q,invite
            d3,2024-06-02T12:00:00Z,A9,,q,invite
            """).write();
    ValidatedInput second = withState(input, DAY1.plusDays(1));
    assertThat(second.usage().history()).isEqualTo("built on the usage state: 1 new file");
    ValidatedInput everything = Pipeline.validate(input, DAY1.plusDays(1));
    assertSame(second, everything);
    // Hand-counted: 55 + b1 + b2 + c1 + late + d1 + d2 accepted; the second b2 dropped; d3 an orphan.
    TableReport report = second.reports().get(CanonicalTable.USAGE_EVENTS);
    assertThat(List.of(report.read(), report.accepted(), report.duplicatesDropped(), report.future()))
        .containsExactly(63L, 61L, 1L, 0L);
    assertThat(second.rejects().get(CanonicalTable.USAGE_EVENTS)).singleElement()
        .satisfies(r -> assertThat(r.detail()).contains("A9"));
    // A1: its 55 events and d1 all fall in its first 7 days, counted exactly on the state too.
    assertThat(rows(second.usage().early())).containsExactly("A1,56", "A3,1");

    // Day 3 repeats an event id of day 1: only every event can say which one stays.
    folder.partition("usage_events", "2024-06-03", "b1,2024-06-03T08:00:00Z,A2,,q,open").write();
    assertThat(withState(input, DAY1.plusDays(2)).usage().history())
        .startsWith("every event read: an event of a new file repeats the event_id of one in ")
        .endsWith("dt=2024-06-01/part-00000.csv");

    // An old day re-exported with another row.
    folder.partition("usage_events", "2024-06-04", "f1,2024-06-04T08:00:00Z,A2,,q,open").write();
    Files.writeString(input.resolve("usage_events/dt=2024-06-02/part-00000.csv"), "e1,2024-06-02T13:00:00Z,A1,,q,open\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(withState(input, DAY1.plusDays(3)).usage().history())
        .startsWith("every event read: ").endsWith("dt=2024-06-02/part-00000.csv changed or is gone since the usage state was built");
  }

  @Test
  void whatTheStateCannotDecideSendsTheRunToEveryEvent() throws IOException {
    // A4 was used from 01:00, 60 times a minute apart, and became an account at 01:30: the state
    // keeps all 60 (they precede the end of its pre-period), so the next night decides its count.
    String early = IntStream.range(0, 60)
        .mapToObj(i -> String.format(java.util.Locale.ROOT, "u%02d,2024-06-01T%02d:%02d:00Z,A4,,p,open", i, 1 + i / 60, i % 60))
        .collect(Collectors.joining("\n"));
    InputFolder folder = new InputFolder(dir.resolve("in")).config("max_reject_ratio: 1\n")
        .table("accounts", ACCOUNTS + "A4,,B2B,,,,,,2024-06-01T01:30:00Z\n")
        .partition("usage_events", "2024-06-01", early);
    Path input = folder.write();
    withState(input, DAY1);
    folder.partition("usage_events", "2024-06-02", "v1,2024-06-02T08:00:00Z,A4,,p,open").write();
    ValidatedInput decided = withState(input, DAY1.plusDays(1));
    assertThat(decided.usage().history()).isEqualTo("built on the usage state: 1 new file");
    // 30 of the 60 fall at or after 01:30, and v1 is inside the 7 days.
    assertThat(rows(decided.usage().early())).containsExactly("A4,31");

    // Re-exported with its creation at 03:00: its pre-period now ends after the times the state
    // kept for it (all before 06-08 01:30, and v1 the last): only every event can count it.
    folder.table("accounts", ACCOUNTS + "A4,,B2B,,,,,,2024-06-01T03:00:00Z\n").write();
    ValidatedInput undecided = withState(input, DAY1.plusDays(1));
    assertThat(undecided.usage().history()).endsWith("needs events the usage state does not keep (its creation moved later)");
    assertThat(rows(undecided.usage().early())).containsExactly("A4,1");

    // A damaged state: a Parquet file of the groups cut short.
    folder.partition("usage_events", "2024-06-03", "v2,2024-06-03T08:00:00Z,A4,,p,open").write();
    try (Stream<Path> files = Files.walk(dir.resolve("state/usage"))) {
      Path part = files.filter(p -> p.toString().contains("/groups/") && p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.write(part, new byte[] {'P', 'A', 'R', '1', 0, 0});
    }
    assertThat(withState(input, DAY1.plusDays(2)).usage().history()).isEqualTo("every event read: the usage state's groups are damaged");

    // Damaged in place: the same size, one byte of the held rows changed.
    folder.partition("usage_events", "2024-06-03", "v2,2024-06-03T08:00:00Z,A4,,p,open").write();
    try (Stream<Path> files = Files.walk(dir.resolve("state/usage"))) {
      Path part = files.filter(p -> p.toString().contains("/held/") && p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(part);
      bytes[bytes.length / 2] ^= 0x5a;
      Files.write(part, bytes);
    }
    assertThat(withState(input, DAY1.plusDays(2)).usage().history()).isEqualTo("every event read: the usage state's held are damaged");

    // A4 no longer accepted: its kept events would turn orphans, and the state keeps no rows for them.
    folder.table("accounts", ACCOUNTS).partition("usage_events", "2024-06-04", "v3,2024-06-04T08:00:00Z,A1,,p,open").write();
    ValidatedInput lost = withState(input, DAY1.plusDays(3));
    assertThat(lost.usage().history()).endsWith("an account or product with events in the usage state is no longer accepted");
    assertThat(lost.rejects().get(CanonicalTable.USAGE_EVENTS)).hasSize(62);

    // A run for an earlier date reads every event and leaves the state for the next nightly.
    assertThat(withState(input, DAY1).usage().history()).isEqualTo("every event read: the run date is before the usage state's");
    assertThat(withState(input, DAY1.plusDays(3)).usage().history()).isEqualTo("built on the usage state: 0 new files");
  }

  @Test
  void thePrePeriodEndsSevenElapsedDaysAfterCreationOnTheStateAsFromEveryEvent() throws IOException {
    // A5 was created at 2024-06-01T06:30Z. Days [0, 7) are elapsed time: 06:29:59 on June 8 is in,
    // 06:30:00 is not; an event a second before creation is not either.
    InputFolder folder = new InputFolder(dir.resolve("in")).config("max_reject_ratio: 1\n")
        .table("accounts", ACCOUNTS + "A5,,B2B,,,,,,2024-06-01T06:30:00Z\n")
        .partition("usage_events", "2024-06-01", """
            w0,2024-06-01T06:29:59Z,A5,,p,open
            w1,2024-06-01T06:30:00Z,A5,,p,open
            """);
    Path input = folder.write();
    withState(input, DAY1);
    folder.partition("usage_events", "2024-06-08", """
        w2,2024-06-08T06:29:59Z,A5,,p,open
        w3,2024-06-08T06:30:00Z,A5,,p,open
        """).write();
    LocalDate runDate = LocalDate.of(2024, 6, 8);
    ValidatedInput built = withState(input, runDate);
    assertThat(built.usage().history()).isEqualTo("built on the usage state: 1 new file");
    assertThat(rows(built.usage().early())).containsExactly("A5,2");
    assertThat(rows(Pipeline.validate(input, runDate).usage().early())).containsExactly("A5,2");
  }

  /** Validation as a nightly run does it: usage events through the parse cache, the usage state kept in {@code dir/state}. */
  private ValidatedInput withState(Path input, LocalDate runDate) {
    SalesLiftConfig config = Pipeline.config(input);
    SparkTestSession.get().conf().set("spark.sql.session.timeZone", config.reportingTimezone().getId());
    ValueParser values = new ValueParser(config.sourceTimezone());
    CsvTableReader reader = new CsvTableReader(values);
    ParseCache cache = new ParseCache(dir.resolve("state/parse"), reader, "test", 2);
    var parsed = InputReader.readAll(input, values, config.sources(), (table, files) ->
        ParseCache.TABLES.contains(table) ? cache.read(table, files, false).table() : reader.read(table, files));
    try (UsageState state = UsageState.open(dir.resolve("state/usage"))) {
      return new Validation(SparkTestSession.get(), config, runDate, state, false).validate(parsed);
    }
  }

  private static void assertSame(ValidatedInput built, ValidatedInput fromEveryEvent) {
    assertThat(rows(built.usage().groups())).isEqualTo(rows(fromEveryEvent.usage().groups()));
    assertThat(rows(built.usage().early())).isEqualTo(rows(fromEveryEvent.usage().early()));
    assertThat(built.reports().get(CanonicalTable.USAGE_EVENTS)).usingRecursiveComparison().ignoringFields("files")
        .isEqualTo(fromEveryEvent.reports().get(CanonicalTable.USAGE_EVENTS));
    assertThat(built.rejects().get(CanonicalTable.USAGE_EVENTS)).isEqualTo(fromEveryEvent.rejects().get(CanonicalTable.USAGE_EVENTS));
  }

  private static List<String> rows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(r -> r.mkString(",")).sorted().toList();
  }
}

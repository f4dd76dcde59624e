package com.saleslift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse cache on three day partitions of usage events: what it parses again and what it
 * reuses as files arrive, change, are touched, vanish or its own state is damaged; the rows it
 * hands on are always those of a fresh parse.
 */
class ParseCacheTest {
  private static final String HEADER = "event_id,occurred_at,account_id,user_id,product_id,event_name\n";
  private static final CanonicalTable EVENTS = CanonicalTable.USAGE_EVENTS;
  @TempDir
  Path dir;
  private Path input;
  private Path state;

  @BeforeEach
  void threeDays() throws IOException {
    input = dir.resolve("in");
    state = dir.resolve("state");
    day("2024-01-01", "e1,2024-01-01T10:00:00Z,A1,u1,core,open\ne2,2024-01-01T11:00:00Z,A1,u1,core,open\n");
    day("2024-01-02", "e3,2024-01-02T10:00:00Z,A2,u2,core,open\ne4,not a time,A2,u2,core,open\n");
    day("2024-01-03", "e5,2024-01-03T10:00:00,A1,u1,core,open\n");
  }

  private Path day(String date, String rows) throws IOException {
    Path file = input.resolve("usage_events/dt=" + date + "/part-00000.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, HEADER + rows);
    return file;
  }

  private ParseCache.Outcome read(ZoneId sourceZone, boolean full) {
    CsvTableReader reader = new CsvTableReader(new ValueParser(sourceZone));
    ParseCache cache = new ParseCache(state, reader, "source_timezone=" + sourceZone.getId(), 2);
    return cache.read(EVENTS, CsvTableReader.filesOf(input, EVENTS), full);
  }

  private ParseCache.Outcome read() {
    return read(ZoneOffset.UTC, false);
  }

  /** The accepted rows the cache hands on, read back as Spark reads them. */
  private static List<Row> rows(ParsedTable table) {
    String[] files = table.cached().stream().filter(f -> f.rows() > 0).map(f -> f.data().toString()).toArray(String[]::new);
    return SparkTestSession.get().read().schema(EVENTS.schema()).parquet(files)
        .orderBy("event_id").collectAsList();
  }

  /** A fresh parse of the same files, in memory. */
  private List<Row> parsedNow(ZoneId zone) {
    ParsedTable t = new CsvTableReader(new ValueParser(zone)).read(EVENTS, CsvTableReader.filesOf(input, EVENTS));
    return t.rows().stream().sorted(java.util.Comparator.comparing(r -> r.getString(0))).toList();
  }

  @Test
  void theFirstRunParsesEverythingAndHandsOnWhatAFreshParseGives() {
    ParseCache.Outcome first = read();

    assertThat(first.parsed()).isEqualTo(3);
    assertThat(first.rebuilt()).contains("there is no state yet");
    ParsedTable t = first.table();
    assertThat(t.rowsRead()).isEqualTo(5);
    assertThat(t.acceptedRows()).isEqualTo(4);
    assertThat(t.rows()).isEmpty();
    assertThat(t.rejects()).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.reason()).isEqualTo(RejectReason.BAD_DATE);
      assertThat(r.sourceFile()).endsWith("dt=2024-01-02/part-00000.csv");
      assertThat(r.fields()).containsEntry("occurred_at", "not a time");
    });
    List<Row> rows = rows(t);
    assertThat(rows).isEqualTo(parsedNow(ZoneOffset.UTC));
    assertThat(rows.get(0).<Instant>getAs("occurred_at")).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertThat(rows.get(0).<Long>getAs(CanonicalTable.SOURCE_LINE)).isEqualTo(2L);
  }

  @Test
  void aNewDayIsTheOnlyFileParsedAndAChangedDayIsParsedAgain() throws IOException {
    read();
    day("2024-01-04", "e6,2024-01-04T10:00:00Z,A3,u3,core,open\n");
    ParseCache.Outcome arrived = read();
    assertThat(arrived.parsed()).isEqualTo(1);
    assertThat(arrived.reused()).isEqualTo(3);
    assertThat(arrived.rebuilt()).isEmpty();
    assertThat(arrived.table().acceptedRows()).isEqualTo(5);

    // The export re-delivers day 2 with the bad row fixed: same file, new content.
    day("2024-01-02", "e3,2024-01-02T10:00:00Z,A2,u2,core,open\ne4,2024-01-02T12:00:00Z,A2,u2,core,open\n");
    ParseCache.Outcome changed = read();
    assertThat(changed.parsed()).isEqualTo(1);
    assertThat(changed.table().rejects()).isEmpty();
    assertThat(rows(changed.table())).isEqualTo(parsedNow(ZoneOffset.UTC)).hasSize(6);
  }

  @Test
  void aTouchedButUnchangedFileIsReusedAndAVanishedOneLeavesTheState() throws IOException {
    read();
    Path first = input.resolve("usage_events/dt=2024-01-01/part-00000.csv");
    Files.setLastModifiedTime(first, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    Files.delete(input.resolve("usage_events/dt=2024-01-03/part-00000.csv"));

    ParseCache.Outcome again = read();

    assertThat(again.parsed()).isZero();
    assertThat(again.reused()).isEqualTo(2);
    assertThat(again.table().acceptedRows()).isEqualTo(3);
    assertThat(rows(again.table())).isEqualTo(parsedNow(ZoneOffset.UTC));
    try (Stream<Path> kept = Files.list(state.resolve("usage_events"))) {
      assertThat(kept.filter(p -> p.toString().endsWith(".parquet"))).hasSize(2);
    }
  }

  @Test
  void aDamagedStateIsParsedAgainNeverTrusted() throws IOException {
    read();
    Path events = state.resolve("usage_events");
    try (Stream<Path> files = Files.list(events)) {
      Path data = files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
      Files.write(data, new byte[] {1, 2, 3});
    }
    ParseCache.Outcome oneDamaged = read();
    assertThat(oneDamaged.parsed()).isEqualTo(1);
    assertThat(rows(oneDamaged.table())).isEqualTo(parsedNow(ZoneOffset.UTC));

    // Damaged in place: the same size, one byte in the middle of its data changed.
    try (Stream<Path> files = Files.list(events)) {
      Path data = files.filter(p -> p.toString().endsWith(".parquet")).sorted().skip(1).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(data);
      bytes[bytes.length / 2] ^= 0x5a;
      Files.write(data, bytes);
    }
    ParseCache.Outcome flipped = read();
    assertThat(flipped.parsed()).isEqualTo(1);
    assertThat(rows(flipped.table())).isEqualTo(parsedNow(ZoneOffset.UTC));

    Files.writeString(events.resolve("manifest.json"), "{ not json");
    ParseCache.Outcome unreadable = read();
    assertThat(unreadable.parsed()).isEqualTo(3);
    assertThat(unreadable.rebuilt()).hasValueSatisfying(why -> assertThat(why).contains("cannot be read"));
    assertThat(rows(unreadable.table())).isEqualTo(parsedNow(ZoneOffset.UTC));
  }

  @Test
  void anotherSourceTimeZoneOrFullRebuildsEverything() {
    read();
    // e5 has no offset: in Auckland it is another instant, so nothing parsed before may be reused.
    ParseCache.Outcome auckland = read(ZoneId.of("Pacific/Auckland"), false);
    assertThat(auckland.parsed()).isEqualTo(3);
    assertThat(auckland.rebuilt()).contains("the state was written for other parse settings");
    assertThat(rows(auckland.table())).isEqualTo(parsedNow(ZoneId.of("Pacific/Auckland")));

    ParseCache.Outcome full = read(ZoneId.of("Pacific/Auckland"), true);
    assertThat(full.parsed()).isEqualTo(3);
    assertThat(full.rebuilt()).contains("--full was asked");
  }
}

package com.saleslift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-level rules of docs/inputs.md, read without Spark. */
class CsvTableReaderTest {
  private static final String HEADER = "product_id,product_name,family,lifecycle_stage,launched_at";
  @TempDir
  Path dir;
  private final CsvTableReader reader = new CsvTableReader(new ValueParser(ZoneOffset.UTC));

  private ParsedTable read(byte[] content) throws IOException {
    Path file = dir.resolve("products.csv");
    Files.write(file, content);
    return reader.read(CanonicalTable.PRODUCTS, List.of(file));
  }

  private ParsedTable read(String content) throws IOException {
    return read(content.getBytes(StandardCharsets.UTF_8));
  }

  /** A table as a folder of day partitions, as nightly exports arrive; a writer's bookkeeping files are not data. */
  @Test
  void aTableFolderMayHoldHiveStylePartitions() throws IOException {
    Path events = dir.resolve("usage_events");
    for (String file : List.of("dt=2024-01-02/part-00000.csv", "dt=2024-01-01/part-00001.csv", "dt=2024-01-01/part-00000.csv",
        "late.csv", "dt=2024-01-01/_SUCCESS", "dt=2024-01-01/.part-00000.csv.crc", "dt=2024-01-01/_tmp.csv", "notes/x.csv",
        "dt=2024-01-03/deeper/part-00000.csv")) {
      Files.createDirectories(events.resolve(file).getParent());
      Files.writeString(events.resolve(file), "event_id\n");
    }
    // A day linked in from where its export landed.
    Path landed = Files.createDirectories(dir.resolve("landing/dt=2024-01-04"));
    Files.writeString(landed.resolve("part-00000.csv"), "event_id\n");
    Files.createSymbolicLink(events.resolve("dt=2024-01-04"), landed);

    assertThat(CsvTableReader.filesOf(dir, CanonicalTable.USAGE_EVENTS)).containsExactly(
        events.resolve("dt=2024-01-01/part-00000.csv"), events.resolve("dt=2024-01-01/part-00001.csv"),
        events.resolve("dt=2024-01-02/part-00000.csv"), events.resolve("dt=2024-01-04/part-00000.csv"),
        events.resolve("late.csv"));
  }

  @Test
  void bomCrlfQuotedLineBreaksAndHeadersInAnyCase() throws IOException {
    String text = "\uFEFFProduct_ID, LIFECYCLE_STAGE ,product_name,extra\r\n"
        + "p1,mature,\"Core, \"\"the\"\" one\r\nsecond line\",x\r\n"
        + "p2,GROWTH,,y\r\n";
    ParsedTable t = read(text);
    assertThat(t.rowsRead()).isEqualTo(2);
    assertThat(t.rejects()).isEmpty();
    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(0).getString(0)).isEqualTo("p1");
    assertThat(t.rows().get(0).getString(1)).isEqualTo("Core, \"the\" one\r\nsecond line");
    assertThat(t.rows().get(0).getString(3)).isEqualTo("MATURE");
    // The second record starts on line 4: the first spans lines 2 and 3.
    assertThat(t.rows().get(1).<Long>getAs(6)).isEqualTo(4L);
    assertThat(t.warnings()).containsExactly("ignored column " + dir.resolve("products.csv") + ": extra");
  }

  @Test
  void headerOnlyIsAnEmptyTable() throws IOException {
    ParsedTable t = read(HEADER + "\n");
    assertThat(t.rowsRead()).isZero();
    assertThat(t.rows()).isEmpty();
  }

  @Test
  void aMissingRequiredColumnRefusesNamingTableFileAndColumn() {
    assertThatThrownBy(() -> read("product_id,product_name\np1,x\n"))
        .isInstanceOf(InputRefusedException.class)
        .hasMessage("products: " + dir.resolve("products.csv") + " line 1: missing required column 'lifecycle_stage'");
  }

  @Test
  void aWrongDelimiterIsAMissingColumn() {
    assertThatThrownBy(() -> read("product_id;lifecycle_stage\np1;MATURE\n"))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("missing required column 'product_id'");
  }

  @Test
  void aZeroByteFileRefuses() {
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageContaining("zero bytes");
  }

  @Test
  void bytesThatAreNotUtf8RejectTheirRowOnly() throws IOException {
    byte[] bad = (HEADER + "\np1,Caf\u00e9,,MATURE,\np2,").getBytes(StandardCharsets.UTF_8);
    byte[] tail = {(byte) 0xC3, (byte) 0x28, ',', ',', 'M', 'A', 'T', 'U', 'R', 'E', ',', '\n'};
    byte[] all = new byte[bad.length + tail.length];
    System.arraycopy(bad, 0, all, 0, bad.length);
    System.arraycopy(tail, 0, all, bad.length, tail.length);
    ParsedTable t = read(all);
    assertThat(t.rows()).hasSize(1);
    assertThat(t.rows().get(0).getString(1)).isEqualTo("Caf\u00e9");
    assertThat(t.rejects()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_ROW);
      assertThat(r.line()).isEqualTo(3);
    });
  }

  @Test
  void anUnbalancedQuoteRejectsEveryLineToTheEnd() throws IOException {
    ParsedTable t = read(HEADER + "\np1,ok,,MATURE,\np2,\"broken,,MATURE,\np3,x,,MATURE,\np4,y,,MATURE,\n");
    assertThat(t.rows()).hasSize(1);
    assertThat(t.rejects()).extracting(Reject::line).containsExactly(3L, 4L, 5L);
    assertThat(t.rejects()).allSatisfy(r -> assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_ROW));
    assertThat(t.rowsRead()).isEqualTo(4);
  }

  @Test
  void rowLevelRulesGiveReasonColumnAndLine() throws IOException {
    ParsedTable t = read(HEADER + "\np1,,,RETIRED,\n,,,MATURE,\np3,,,MATURE,2024-13-01\np4,,,SUNSET,\n");
    assertThat(t.rejects()).extracting(r -> r.line() + " " + r.reason() + " " + r.column())
        .containsExactly("2 BAD_ENUM lifecycle_stage", "3 MISSING_REQUIRED product_id", "4 BAD_DATE launched_at");
    assertThat(t.rows()).hasSize(1);
  }

  @Test
  void aRowWithTooFewFieldsIsMalformed() throws IOException {
    ParsedTable t = read(HEADER + "\np1,x\n");
    assertThat(t.rejects()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED_ROW));
  }
}

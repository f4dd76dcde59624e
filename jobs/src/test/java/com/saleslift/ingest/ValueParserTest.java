package com.saleslift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ValueParserTest {
  private final ValueParser berlin = new ValueParser(ZoneId.of("Europe/Berlin"));
  private final ColumnSpec ts = ColumnSpec.required("t", ColumnType.TIMESTAMP);

  @Test
  void timestampsAsExportsWriteThem() throws Exception {
    assertThat(berlin.parse(ts, "2024-03-01T09:30:00Z")).isEqualTo(Instant.parse("2024-03-01T09:30:00Z"));
    assertThat(berlin.parse(ts, "2024-03-01T09:30:00+01:00")).isEqualTo(Instant.parse("2024-03-01T08:30:00Z"));
    assertThat(berlin.parse(ts, "2024-03-01T09:30:00+0100")).isEqualTo(Instant.parse("2024-03-01T08:30:00Z"));
    assertThat(berlin.parse(ts, "2024-03-01T09:30:00.123456Z")).isEqualTo(Instant.parse("2024-03-01T09:30:00.123456Z"));
    assertThat(berlin.parse(ts, "2024-03-01 09:30:00Z")).isEqualTo(Instant.parse("2024-03-01T09:30:00Z"));
    // Naive values are read in the source zone (Berlin: UTC+1 in March, UTC+2 in July).
    assertThat(berlin.parse(ts, "2024-03-01 09:30:00")).isEqualTo(Instant.parse("2024-03-01T08:30:00Z"));
    assertThat(berlin.parse(ts, "2024-07-01T00:30")).isEqualTo(Instant.parse("2024-06-30T22:30:00Z"));
    // A date alone is its midnight in the source zone.
    assertThat(berlin.parse(ts, "2024-03-01")).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
  }

  @Test
  void badValuesCarryTheirReasonCode() {
    assertReason(ts, "2024-02-30T00:00:00Z", RejectReason.BAD_DATE);
    assertReason(ts, "yesterday", RejectReason.BAD_DATE);
    assertReason(ColumnSpec.required("d", ColumnType.DATE), "2023-02-29", RejectReason.BAD_DATE);
    assertReason(ColumnSpec.required("d", ColumnType.DATE), "01/02/2024", RejectReason.BAD_DATE);
    assertReason(ColumnSpec.required("m", ColumnType.MONEY), "12,50", RejectReason.BAD_NUMBER);
    assertReason(ColumnSpec.required("m", ColumnType.MONEY), "1e5", RejectReason.BAD_NUMBER);
    assertReason(ColumnSpec.required("m", ColumnType.MONEY), "-0.01", RejectReason.NEGATIVE_AMOUNT);
    assertReason(ColumnSpec.required("a", ColumnType.POSITIVE_DECIMAL), "0", RejectReason.NEGATIVE_AMOUNT);
    assertReason(ColumnSpec.required("n", ColumnType.COUNT), "-3", RejectReason.NEGATIVE_AMOUNT);
    assertReason(ColumnSpec.required("n", ColumnType.COUNT), "3.5", RejectReason.BAD_NUMBER);
    assertReason(ColumnSpec.requiredEnum("s", java.util.List.of("B2B", "B2C")), "B2G", RejectReason.BAD_ENUM);
    assertReason(ColumnSpec.required("b", ColumnType.BOOLEAN), "maybe", RejectReason.BAD_ENUM);
    assertReason(ColumnSpec.required("c", ColumnType.CURRENCY), "EURO", RejectReason.UNKNOWN_CURRENCY);
  }

  @Test
  void valuesOfEveryOtherType() throws Exception {
    assertThat(berlin.parse(ColumnSpec.required("m", ColumnType.MONEY), "12.50")).isEqualTo(new BigDecimal("12.50"));
    assertThat(berlin.parse(ColumnSpec.required("d", ColumnType.DATE), "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(berlin.parse(ColumnSpec.required("b", ColumnType.BOOLEAN), "YES")).isEqualTo(true);
    assertThat(berlin.parse(ColumnSpec.required("b", ColumnType.BOOLEAN), "0")).isEqualTo(false);
    assertThat(berlin.parse(ColumnSpec.requiredEnum("s", java.util.List.of("B2B", "B2C")), "b2c")).isEqualTo("B2C");
    assertThat(berlin.parse(ColumnSpec.required("c", ColumnType.CURRENCY), "eur")).isEqualTo("EUR");
    assertThat(berlin.parse(ColumnSpec.required("l", ColumnType.UPPER_STRING), "outbound_call")).isEqualTo("OUTBOUND_CALL");
    assertThat(berlin.parse(ColumnSpec.required("n", ColumnType.COUNT), "42")).isEqualTo(42L);
  }

  private void assertReason(ColumnSpec column, String text, RejectReason reason) {
    assertThatThrownBy(() -> berlin.parse(column, text))
        .as(text)
        .isInstanceOfSatisfying(ValueParser.BadValue.class, bad -> assertThat(bad.reason()).isEqualTo(reason));
  }
}

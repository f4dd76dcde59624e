package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.Reject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The rules across rows on plain rows, no Spark: values compared as Spark compares them, dates in the reporting zone. */
class RowRulesTest {
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);
  final RowRules rules = new RowRules(RUN, ZoneId.of("Europe/Berlin"), "USD");

  @Test
  void decimalsCompareByValueTheFirstLineStaysAndLaterDatesAreFuture() {
    List<Row> rows = List.of(
        fx(3, "EUR", "2024-01-01", "1.1"),
        fx(2, "EUR", "2024-01-01", "1.10"),
        fx(4, "EUR", "2024-02-01", "1.2"),
        fx(5, "EUR", "2024-02-01", "1.3"),
        fx(6, "GBP", "2024-07-01", "0.9"));

    RowRules.Outcome out = rules.apply(CanonicalTable.FX_RATES, rows);

    // 1.1 and 1.10 are one value: line 3 repeats line 2 and is dropped; two rates for one day are a conflict.
    assertThat(out.accepted()).singleElement().satisfies(r -> assertThat(r.getLong(4)).isEqualTo(2L));
    assertThat(out.duplicates()).isEqualTo(1);
    assertThat(out.future()).isEqualTo(1);
    assertThat(out.rejects()).extracting(Reject::line, Reject::reason, Reject::column, Reject::detail).containsExactly(
        org.assertj.core.groups.Tuple.tuple(4L, com.saleslift.ingest.RejectReason.DUPLICATE_CONFLICT, "currency,rate_date",
            "2 different rows share this key"),
        org.assertj.core.groups.Tuple.tuple(5L, com.saleslift.ingest.RejectReason.DUPLICATE_CONFLICT, "currency,rate_date",
            "2 different rows share this key"));
  }

  @Test
  void opportunitiesKeepTheNewestOrphansAndUnknownCurrenciesAreRejectedRatesFollowTheZone() {
    // The parents first, as validation takes them: their accepted keys and rates are what the opportunities see.
    rules.apply(CanonicalTable.REPS, List.of(key(CanonicalTable.REPS, "rep_id", "R1")));
    rules.apply(CanonicalTable.ACCOUNTS, List.of(key(CanonicalTable.ACCOUNTS, "account_id", "A1")));
    rules.apply(CanonicalTable.PRODUCTS, List.of(key(CanonicalTable.PRODUCTS, "product_id", "P1")));
    rules.apply(CanonicalTable.FX_RATES, List.of(fx(2, "EUR", "2024-01-01", "1.1"), fx(3, "EUR", "2024-02-01", "1.2")));
    List<Row> rows = List.of(
        // A NULL last_modified_at is the oldest version.
        opportunity(2, "O1", "A1", false, null, "EUR", "2024-01-31T23:30:00Z", null),
        // Closed after the run date: converted at its creation, 2024-02-01 in Berlin (still January in UTC).
        opportunity(3, "O1", "A1", true, "2024-07-15", "EUR", "2024-01-31T23:30:00Z", "2024-03-01T00:00:00Z"),
        opportunity(4, "O2", "A9", false, null, null, "2024-02-01T00:00:00Z", null),
        opportunity(5, "O3", "A1", false, null, "GBP", "2024-02-01T00:00:00Z", null),
        opportunity(6, "O4", "A1", true, "2024-01-15", "EUR", "2024-01-10T00:00:00Z", null),
        opportunity(7, "O5", "A1", false, null, null, "2024-02-01T00:00:00Z", null));

    RowRules.Outcome out = rules.apply(CanonicalTable.OPPORTUNITIES, rows);

    int rate = CanonicalTable.OPPORTUNITIES.schema().size();
    assertThat(out.accepted()).extracting(r -> r.getString(0) + "@" + r.getLong(rate - 1) + "=" + r.getDecimal(rate).toPlainString())
        .containsExactly("O1@3=1.2", "O4@6=1.1", "O5@7=1");
    assertThat(out.duplicates()).isEqualTo(1);
    assertThat(out.rejects()).extracting(r -> r.line() + " " + r.reason() + " " + r.column() + ": " + r.detail()).containsExactly(
        "4 ORPHAN account_id: unknown accounts key 'A9'",
        "5 UNKNOWN_CURRENCY currency: no rate to the base currency for 'GBP' on or before the amount's date");
    assertThat(out.rejects().get(0).fields()).containsEntry("amount", "100").containsEntry("created_at", "2024-02-01T00:00:00Z");
  }

  @Test
  void aRepUnderAnOrphanIsAnOrphanToo() {
    List<Row> rows = List.of(rep(2, "R1", null), rep(3, "R2", "R1"), rep(4, "R3", "R9"), rep(5, "R4", "R3"), rep(6, "R5", "R4"));

    RowRules.Outcome out = rules.apply(CanonicalTable.REPS, rows);

    assertThat(out.accepted()).extracting(r -> r.getString(0)).containsExactly("R1", "R2");
    assertThat(out.rejects()).extracting(r -> r.line() + " " + r.detail())
        .containsExactly("4 unknown reps key 'R9'", "5 unknown reps key 'R3'", "6 unknown reps key 'R4'");
  }

  private static Row fx(long line, String currency, String date, String rate) {
    return row(CanonicalTable.FX_RATES, line, Map.of("currency", currency, "rate_date", LocalDate.parse(date),
        "rate_to_base", new BigDecimal(rate)));
  }

  private static Row rep(long line, String id, String manager) {
    Map<String, Object> values = new HashMap<>(Map.of("rep_id", id, "level", "STAFF"));
    values.put("manager_id", manager);
    return row(CanonicalTable.REPS, line, values);
  }

  private static Row key(CanonicalTable table, String column, String value) {
    return row(table, 2, Map.of(column, value));
  }

  private static Row opportunity(long line, String id, String account, boolean closed, String closeDate, String currency,
      String created, String modified) {
    Map<String, Object> values = new HashMap<>(Map.of("opportunity_id", id, "account_id", account, "owner_rep_id", "R1",
        "product_id", "P1", "opportunity_type", "NEW_BUSINESS", "is_closed", closed, "is_won", closed,
        "amount", new BigDecimal("100.00"), "created_at", Instant.parse(created)));
    values.put("currency", currency);
    values.put("close_date", closeDate == null ? null : LocalDate.parse(closeDate));
    values.put("last_modified_at", modified == null ? null : Instant.parse(modified));
    return row(CanonicalTable.OPPORTUNITIES, line, values);
  }

  /** A parsed row: the table's columns in order (absent ones NULL), then file and line. */
  private static Row row(CanonicalTable table, long line, Map<String, Object> values) {
    List<String> names = table.columnNames();
    Object[] cells = new Object[names.size() + 2];
    for (int i = 0; i < names.size(); i++) {
      cells[i] = values.get(names.get(i));
    }
    cells[names.size()] = table.tableName() + ".csv";
    cells[names.size() + 1] = line;
    return RowFactory.create(cells);
  }
}

package com.saleslift.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small Data Loader export in its real shape (API-name headers in three casings, 15-character
 * ids, a BOM, CRLF, a quoted multi-line field, deleted rows, Salesforce datetimes) mapped onto
 * the canonical tables; every expected value worked out by hand from the files.
 */
class SalesforceTest {
  private static Map<CanonicalTable, ParsedTable> tables;

  @BeforeAll
  static void map() throws URISyntaxException {
    Path export = Path.of(SalesforceTest.class.getResource("/sources/salesforce").toURI());
    SalesLiftConfig config = ConfigLoader.parse("""
        sources:
          salesforce:
            role_levels: {"VP Sales": DIRECTOR, "Sales Rep": STAFF}
            opportunity_types: {"New Business": NEW_BUSINESS}
            product_stages: {CORE: GROWTH}
            product_families: {Platform: CORE}
        """, "test.yaml");
    tables = Salesforce.read(export, new ValueParser(ZoneOffset.UTC), config.sources().salesforce());
  }

  private static Object value(CanonicalTable table, Row row, String column) {
    return row.get(table.columnNames().indexOf(column));
  }

  /** The row whose first column (its id, or a target's rep) is {@code id}. */
  private static Row row(CanonicalTable table, String id) {
    return tables.get(table).rows().stream().filter(r -> r.getString(0).equals(id)).findFirst().orElseThrow();
  }

  @Test
  void fifteenCharacterIdsGetTheirCaseChecksum() {
    // Chunks "001A0", "00000", "6Vm9r": upper case at position 3, none, position 1 -> 8, 0, 2 -> I, A, C.
    assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.to18("ABCDEabcde00000")).isEqualTo("ABCDEabcde000005AA");
    assertThat(SalesforceIds.to18("001A0000006Vm9rIAC")).isEqualTo("001A0000006Vm9rIAC");
    assertThat(SalesforceIds.to18("")).isEmpty();
  }

  @Test
  void accountsInAnyHeaderCasingWithPersonAccountsAsB2cAndDeletedRowsDropped() {
    ParsedTable accounts = tables.get(CanonicalTable.ACCOUNTS);
    assertThat(accounts.rows()).hasSize(2);
    assertThat(accounts.rowsRead()).isEqualTo(2);
    assertThat(accounts.warnings()).singleElement().asString().endsWith("1 rows with IsDeleted = true dropped");
    Row acme = row(CanonicalTable.ACCOUNTS, "001000000000001AAA");
    assertThat(value(CanonicalTable.ACCOUNTS, acme, "segment")).isEqualTo("B2B");
    assertThat(value(CanonicalTable.ACCOUNTS, acme, "employees")).isEqualTo(250L);
    assertThat(value(CanonicalTable.ACCOUNTS, acme, "owner_rep_id")).isEqualTo("005000000000002AAA");
    assertThat(value(CanonicalTable.ACCOUNTS, acme, "created_at")).isEqualTo(Instant.parse("2024-01-05T09:00:00Z"));
    assertThat(value(CanonicalTable.ACCOUNTS, row(CanonicalTable.ACCOUNTS, "001000000000002AAA"), "segment")).isEqualTo("B2C");
    // The record after the multi-line description starts on line 4 (BOM-less file, CRLF).
    assertThat(acme.getLong(acme.size() - 1)).isEqualTo(2L);
    Row jane = row(CanonicalTable.ACCOUNTS, "001000000000002AAA");
    assertThat(jane.getLong(jane.size() - 1)).isEqualTo(4L);
  }

  @Test
  void repsTakeTheirLevelFromTheRoleNameAndAnUnmappedRoleIsARejectNamingIt() {
    ParsedTable reps = tables.get(CanonicalTable.REPS);
    assertThat(reps.rows()).hasSize(2);
    Row rep = row(CanonicalTable.REPS, "005000000000002AAA");
    assertThat(value(CanonicalTable.REPS, rep, "level")).isEqualTo("STAFF");
    assertThat(value(CanonicalTable.REPS, rep, "manager_id")).isEqualTo("005000000000001AAA");
    assertThat(value(CanonicalTable.REPS, rep, "area")).isEqualTo("EMEA");
    assertThat(value(CanonicalTable.REPS, row(CanonicalTable.REPS, "005000000000001AAA"), "level")).isEqualTo("DIRECTOR");
    Reject intern = reps.rejects().get(0);
    assertThat(intern.reason()).isEqualTo(RejectReason.BAD_ENUM);
    assertThat(intern.line()).isEqualTo(4);
    assertThat(intern.detail()).contains("UserRole.Name 'Intern'", "sources.salesforce.role_levels");
  }

  @Test
  void productsAreKeyedByProductCodeElseTheirId() {
    ParsedTable products = tables.get(CanonicalTable.PRODUCTS);
    assertThat(products.rows()).hasSize(2);
    assertThat(value(CanonicalTable.PRODUCTS, row(CanonicalTable.PRODUCTS, "CORE"), "lifecycle_stage")).isEqualTo("GROWTH");
    assertThat(value(CanonicalTable.PRODUCTS, row(CanonicalTable.PRODUCTS, "01t000000000002AAA"), "lifecycle_stage")).isEqualTo("RELEASE");
  }

  @Test
  void opportunitiesTakeTheProductOfTheirLargestLineItem() {
    ParsedTable opportunities = tables.get(CanonicalTable.OPPORTUNITIES);
    assertThat(opportunities.rows()).hasSize(1);
    Row won = row(CanonicalTable.OPPORTUNITIES, "006000000000001AAA");
    // Line items 200 (Add-on) and 1000 (Core): Core, whose code is CORE.
    assertThat(value(CanonicalTable.OPPORTUNITIES, won, "product_id")).isEqualTo("CORE");
    assertThat(value(CanonicalTable.OPPORTUNITIES, won, "opportunity_type")).isEqualTo("NEW_BUSINESS");
    assertThat(value(CanonicalTable.OPPORTUNITIES, won, "is_won")).isEqualTo(true);
    assertThat(value(CanonicalTable.OPPORTUNITIES, won, "close_date")).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(value(CanonicalTable.OPPORTUNITIES, won, "amount")).isEqualTo(new BigDecimal("1200"));
    assertThat(value(CanonicalTable.OPPORTUNITIES, won, "last_modified_at")).isEqualTo(Instant.parse("2024-02-01T12:00:00Z"));
    List<Reject> rejects = opportunities.rejects();
    assertThat(rejects).extracting(Reject::line, Reject::reason, Reject::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3L, RejectReason.BAD_ENUM, "opportunity_type"),
        // Its only line item is deleted: no product.
        org.assertj.core.groups.Tuple.tuple(4L, RejectReason.MISSING_REQUIRED, "product_id"));
    assertThat(rejects.get(0).detail()).contains("Opportunity.Type 'Renewal Something'");
  }

  @Test
  void tasksAndEventsBecomeActivities() {
    ParsedTable activities = tables.get(CanonicalTable.ACTIVITIES);
    assertThat(activities.rows()).hasSize(3);
    // "00T00": an upper-case T at position 2 -> 4 -> E.
    Row call = row(CanonicalTable.ACTIVITIES, "00T000000000001EAA");
    assertThat(value(CanonicalTable.ACTIVITIES, call, "activity_type")).isEqualTo("CALL");
    assertThat(value(CanonicalTable.ACTIVITIES, call, "opportunity_id")).isEqualTo("006000000000001AAA");
    assertThat(value(CanonicalTable.ACTIVITIES, call, "occurred_at")).isEqualTo(Instant.parse("2024-01-12T15:30:00Z"));
    // 90 seconds: 1.5 minutes, half-up.
    assertThat(value(CanonicalTable.ACTIVITIES, call, "duration_minutes")).isEqualTo(2L);
    Row demo = row(CanonicalTable.ACTIVITIES, "00T000000000002EAA");
    // TaskSubtype "Task" says nothing: the Type says Demo; the account comes from WhatId; no
    // completion time: the ActivityDate's midnight in the source zone.
    assertThat(value(CanonicalTable.ACTIVITIES, demo, "activity_type")).isEqualTo("DEMO");
    assertThat(value(CanonicalTable.ACTIVITIES, demo, "account_id")).isEqualTo("001000000000002AAA");
    assertThat(value(CanonicalTable.ACTIVITIES, demo, "occurred_at")).isEqualTo(Instant.parse("2024-02-03T00:00:00Z"));
    Row meeting = row(CanonicalTable.ACTIVITIES, "00U000000000001EAA");
    assertThat(value(CanonicalTable.ACTIVITIES, meeting, "activity_type")).isEqualTo("MEETING");
    assertThat(value(CanonicalTable.ACTIVITIES, meeting, "duration_minutes")).isEqualTo(45L);
  }

  @Test
  void quotasOfUsersWithReportsAreTeamTargetsAndRatesAreInverted() {
    Row team = row(CanonicalTable.TARGETS, "005000000000001AAA");
    assertThat(value(CanonicalTable.TARGETS, team, "target_type")).isEqualTo("TEAM");
    assertThat(value(CanonicalTable.TARGETS, team, "product_id")).isEqualTo("CORE");
    assertThat(value(CanonicalTable.TARGETS, team, "period_end")).isEqualTo(LocalDate.of(2024, 4, 1));
    Row own = row(CanonicalTable.TARGETS, "005000000000002AAA");
    assertThat(value(CanonicalTable.TARGETS, own, "target_type")).isEqualTo("INDIVIDUAL");
    // 0.8 EUR per corporate unit: 1 EUR = 1.25 of the base currency.
    Row eur = tables.get(CanonicalTable.FX_RATES).rows().get(0);
    assertThat(value(CanonicalTable.FX_RATES, eur, "rate_to_base")).isEqualTo(new BigDecimal("1.25"));
  }
}

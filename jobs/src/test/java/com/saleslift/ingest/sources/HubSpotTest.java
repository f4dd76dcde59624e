package com.saleslift.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.CsvTableReader;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import com.saleslift.support.InputFolder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small HubSpot export in its real shapes (owners as the API lists them, companies with upper-
 * and mixed-case headers, a BOM, CRLF and a quoted multi-line name, deals with Airbyte's
 * `properties_` prefix, Unix-millisecond and ISO times, archived records, deal stages with
 * their metadata, line items, calls, emails and meetings) mapped onto canonical tables that were
 * written by hand in `expected/` (source time zone New York).
 */
class HubSpotTest {
  private static final ValueParser VALUES = new ValueParser(ZoneId.of("America/New_York"));
  private static final String CONFIG = """
      sources:
        hubspot:
          segment_property: customer_kind
          segments: {Business: B2B, Consumer: B2C}
          meeting_types: {Demo: DEMO}
      """;
  private static Path export;
  private static Map<CanonicalTable, ParsedTable> tables;

  @BeforeAll
  static void map() throws URISyntaxException {
    export = Path.of(HubSpotTest.class.getResource("/sources/hubspot").toURI());
    tables = HubSpot.read(export, VALUES, ConfigLoader.parse(CONFIG, "test.yaml").sources().hubSpot());
  }

  /** The mapped rows without their lineage columns equal the hand-written canonical table. */
  private static void assertMapsTo(CanonicalTable table) {
    ParsedTable expected = new CsvTableReader(VALUES).read(table, List.of(export.resolve("expected/" + table.tableName() + ".csv")));
    assertThat(expected.rejects()).isEmpty();
    assertThat(data(tables.get(table).rows())).as(table.tableName()).containsExactlyInAnyOrderElementsOf(data(expected.rows()));
  }

  private static List<List<Object>> data(List<Row> rows) {
    return rows.stream().map(r -> IntStream.range(0, r.size() - 2).mapToObj(r::get).toList()).toList();
  }

  private static List<Reject> rejects(CanonicalTable table) {
    return tables.get(table).rejects();
  }

  @Test
  void ownersArePlacedByTheHierarchyFileAndAnOwnerWithoutARowIsRejected() {
    assertMapsTo(CanonicalTable.REPS);
    assertThat(rejects(CanonicalTable.REPS)).extracting(Reject::line, Reject::reason, Reject::column)
        .containsExactly(tuple(6L, RejectReason.MISSING_REQUIRED, "level"));
    assertThat(rejects(CanonicalTable.REPS).get(0).detail()).contains("owner '105'", "hierarchy.csv");
  }

  @Test
  void companiesTakeTheirSegmentFromTheConfiguredPropertyAndArchivedOnesAreDropped() {
    assertMapsTo(CanonicalTable.ACCOUNTS);
    // The multi-line name keeps company 2004 on one record, starting on line 5; 'Partner' has no mapping.
    Reject partner = rejects(CanonicalTable.ACCOUNTS).get(0);
    assertThat(partner.line()).isEqualTo(5);
    assertThat(CanonicalRows.isUnmapped(partner)).isTrue();
    assertThat(partner.detail()).contains("companies.customer_kind 'Partner'", "sources.hubspot.segments");
    assertThat(tables.get(CanonicalTable.ACCOUNTS).warnings()).singleElement().asString()
        .endsWith("companies.csv: 1 rows with archived = true dropped");
  }

  @Test
  void dealsAreWonAndClosedByTheirStageMetadataNotTheLabel() {
    // 3002 is won in a stage labelled "Signed" (closed, probability 1); 3003's stage says "Won"
    // but is open; 3001's product is its 1000 line over 200, 3002's the smaller id of two 600
    // lines (no SKU: the product id), 3003's ignores a larger archived line.
    assertMapsTo(CanonicalTable.OPPORTUNITIES);
    assertThat(rejects(CanonicalTable.OPPORTUNITIES)).extracting(Reject::line, Reject::reason, Reject::column).containsExactly(
        tuple(5L, RejectReason.BAD_ENUM, "opportunity_type"),
        tuple(6L, RejectReason.ORPHAN, "stage"),
        tuple(8L, RejectReason.MISSING_REQUIRED, "product_id"));
    assertThat(rejects(CanonicalTable.OPPORTUNITIES).get(0).detail()).contains("deals.dealtype 'partner'", "sources.hubspot.deal_types");
    assertThat(rejects(CanonicalTable.OPPORTUNITIES).get(1).detail()).contains("'decisionmakerboughtin'");
  }

  @Test
  void withoutAStageExportTheDealsOwnClosedPropertiesDecide(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("hubspot");
    InputFolder.copyTree(export, copy);
    Files.delete(copy.resolve("deal_stages.csv"));
    Files.writeString(copy.resolve("deals.csv"), """
        hs_object_id,dealstage,dealtype,hubspot_owner_id,createdate,closedate,hs_is_closed,hs_is_closed_won,associated_company_ids
        3001,closedwon,newbusiness,103,2024-01-05T10:00:00Z,2024-02-01T05:00:00Z,true,true,2001
        3003,7001,newbusiness,103,2024-04-01T00:00:00Z,,false,false,2001
        3005,decisionmakerboughtin,newbusiness,103,2024-04-03T00:00:00Z,,,,2001
        """);

    ParsedTable deals = HubSpot.read(copy, VALUES, SalesLiftConfig.HubSpot.defaults()).get(CanonicalTable.OPPORTUNITIES);

    assertThat(deals.rows()).extracting(r -> r.get(0), r -> r.get(6), r -> r.get(7))
        .containsExactly(tuple("3001", true, true), tuple("3003", false, false));
    assertThat(deals.rejects()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.MISSING_REQUIRED);
      assertThat(r.detail()).contains("no stage metadata for dealstage 'decisionmakerboughtin'");
    });
  }

  @Test
  void callsEmailsAndMeetingsBecomeActivities() {
    // Call 5001: 90,000 ms = 1.5 minutes, half-up 2; 5002 is logged on a deal only, so its
    // account is the deal's company; meeting 7101 is a Demo of 45 minutes; incoming email 6002
    // is left out; 6003 has a field too many.
    assertMapsTo(CanonicalTable.ACTIVITIES);
    assertThat(rejects(CanonicalTable.ACTIVITIES)).extracting(Reject::line, Reject::reason)
        .containsExactly(tuple(4L, RejectReason.MALFORMED_ROW));
    assertThat(tables.get(CanonicalTable.ACTIVITIES).warnings()).satisfiesExactlyInAnyOrder(
        w -> assertThat(w).endsWith("calls.csv: 1 rows with archived = true dropped"),
        w -> assertThat(w).endsWith("emails.csv: 1 incoming emails left out (written by the customer, not a sales touch)"));
    assertThat(tables.get(CanonicalTable.ACTIVITIES).rowsRead()).isEqualTo(6);
  }

  @Test
  void hubSpotHoldsNoProductsTargetsOrRates() {
    assertThat(tables.keySet()).containsExactlyInAnyOrder(
        CanonicalTable.REPS, CanonicalTable.ACCOUNTS, CanonicalTable.OPPORTUNITIES, CanonicalTable.ACTIVITIES);
  }

  /** Two exports giving the same table: the user says which one holds the truth. */
  @Test
  void aTableFromTwoExportsIsRefused(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(HubSpotTest.class.getResource("/sources/equivalence/exported").toURI()), input);
    Files.createDirectories(input.resolve("hubspot"));
    Files.copy(export.resolve("companies.csv"), input.resolve("hubspot/companies.csv"));

    assertThatThrownBy(() -> InputReader.readAll(input, VALUES, SalesLiftConfig.defaults().sources()))
        .isInstanceOf(InputRefusedException.class)
        .hasMessageStartingWith("accounts: given twice, in [" + input.resolve("salesforce/Account.csv") + "] and ["
            + input.resolve("hubspot/companies.csv") + "]");
  }
}

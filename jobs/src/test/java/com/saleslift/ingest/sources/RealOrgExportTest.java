package com.saleslift.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import com.saleslift.support.InputFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every real Salesforce org has: deals without line items, generic to-do Tasks, an export
 * missing objects, and its 15-character account ids copied into Stripe and Segment.
 */
class RealOrgExportTest {
  private static final ValueParser VALUES = new ValueParser(ZoneOffset.UTC);
  @TempDir
  Path dir;

  @Test
  void dealsWithoutLineItemsTakeTheDefaultProductAndNullMappedTasksAreLeftOutAndCounted() throws Exception {
    Path export = copy("/sources/salesforce", dir.resolve("salesforce"));
    // Two generic to-do Tasks (TaskSubtype Task, no Type) beside the fixture's two.
    Files.writeString(export.resolve("Task.csv"), Files.readString(export.resolve("Task.csv"))
        + "00T000000000003,005000000000002,001000000000001,,Task,,,2024-02-04,,false\n"
        + "00T000000000004,005000000000002,001000000000001,,Task,,,2024-02-05,,false\n");
    SalesLiftConfig config = ConfigLoader.parse("""
        sources:
          salesforce:
            role_levels: {"VP Sales": DIRECTOR, "Sales Rep": STAFF}
            opportunity_types: {"New Business": NEW_BUSINESS}
            activity_types: {Call: CALL, Demo: DEMO, Meeting: MEETING, "": null}
            default_product: CORE
        """, "test.yaml");
    Map<CanonicalTable, ParsedTable> tables = Salesforce.read(export, VALUES, config.sources().salesforce());

    // 006000000000003's only line item is deleted: the default product, no reject.
    ParsedTable deals = tables.get(CanonicalTable.OPPORTUNITIES);
    Row third = deals.rows().stream().filter(r -> r.getString(0).equals("006000000000003AAA")).findFirst().orElseThrow();
    assertThat(third.getString(CanonicalTable.OPPORTUNITIES.columnNames().indexOf("product_id"))).isEqualTo("CORE");
    assertThat(deals.rejects()).extracting(Reject::reason).doesNotContain(RejectReason.MISSING_REQUIRED);

    ParsedTable activities = tables.get(CanonicalTable.ACTIVITIES);
    assertThat(activities.rejects()).extracting(Reject::reason).doesNotContain(RejectReason.BAD_ENUM);
    assertThat(activities.warnings()).containsExactly(export.resolve("Task.csv")
        + ": 2 rows with Task.TaskSubtype/Type '' (mapped to null in sources.salesforce.activity_types) left out");
    assertThat(config.asMap().toString()).contains("activity_types={=null, Call=CALL, Demo=DEMO, Meeting=MEETING}");
  }

  @Test
  void withoutTheSettingsTheRejectsSayWhichKeyWouldKeepTheRows() throws Exception {
    Path export = copy("/sources/salesforce", dir.resolve("salesforce"));
    Files.writeString(export.resolve("Task.csv"), Files.readString(export.resolve("Task.csv"))
        + "00T000000000003,005000000000002,001000000000001,,Task,,,2024-02-04,,false\n");
    Map<CanonicalTable, ParsedTable> tables = Salesforce.read(export, VALUES, SalesLiftConfig.Salesforce.defaults());
    assertThat(tables.get(CanonicalTable.OPPORTUNITIES).rejects()).filteredOn(r -> r.reason() == RejectReason.MISSING_REQUIRED)
        .extracting(Reject::detail).containsExactly("the opportunity has no line item to take its product from: set"
            + " sources.salesforce.default_product for deals without products");
    assertThat(tables.get(CanonicalTable.ACTIVITIES).rejects()).extracting(Reject::detail).contains("no mapping for"
        + " Task.TaskSubtype/Type '': add it to sources.salesforce.activity_types (null leaves such rows out)");
  }

  @Test
  void anUnmappedValueThatDiffersOnlyInCaseOrPunctuationNamesItsTwin() throws Exception {
    Path export = copy("/sources/salesforce", dir.resolve("salesforce"));
    SalesLiftConfig config = ConfigLoader.parse("""
        sources:
          salesforce:
            role_levels: {"VP Sales": DIRECTOR, "Sales-Rep": STAFF}
            opportunity_types: {"New Business": NEW_BUSINESS}
        """, "test.yaml");
    ParsedTable reps = Salesforce.read(export, VALUES, config.sources().salesforce()).get(CanonicalTable.REPS);
    assertThat(reps.rejects()).extracting(Reject::detail).contains("no mapping for UserRole.Name 'Sales Rep' (did you mean"
        + " 'Sales-Rep'?): add it to sources.salesforce.role_levels");
  }

  @Test
  void everyMissingObjectIsNamedAsTheObjectInOneMessage() throws Exception {
    Path export = Files.createDirectories(dir.resolve("in").resolve("salesforce"));
    Path fixture = Path.of(getClass().getResource("/sources/salesforce").toURI());
    for (String object : List.of("Account.csv", "Opportunity.csv", "OpportunityLineItem.csv")) {
      Files.copy(fixture.resolve(object), export.resolve(object));
    }
    Path input = export.getParent();
    assertThatThrownBy(() -> InputReader.readAll(input, VALUES, SalesLiftConfig.defaults().sources()))
        .isInstanceOf(InputRefusedException.class)
        .hasMessage("salesforce/User.csv is missing: reps come from User and UserRole; salesforce/Product2.csv is missing:"
            + " products come from Product2; salesforce/Task.csv is missing: activities come from Task and Event;"
            + " subscriptions: missing table: expected " + input.resolve("subscriptions.csv") + " or a folder "
            + input.resolve("subscriptions") + "/ of CSV files; usage_events: missing table: expected "
            + input.resolve("usage_events.csv") + " or a folder " + input.resolve("usage_events") + "/ of CSV files");
  }

  @Test
  void fifteenCharacterAccountIdsInStripeAndSegmentMatchTheirSalesforceAccounts() throws Exception {
    Path input = copy("/sources/equivalence/exported", dir.resolve("exported"));
    for (String file : List.of("stripe/customers.csv", "segment/groups.csv")) {
      Path p = input.resolve(file);
      Files.writeString(p, Files.readString(p).replace("001000000000001AAA", "001000000000001"));
    }
    SalesLiftConfig config = ConfigLoader.resolve(java.util.Optional.empty(), input);
    Map<CanonicalTable, ParsedTable> tables = InputReader.readAll(input, VALUES, config.sources());
    int account = CanonicalTable.SUBSCRIPTIONS.columnNames().indexOf("account_id");
    assertThat(tables.get(CanonicalTable.SUBSCRIPTIONS).rows()).extracting(r -> r.getString(account))
        .contains("001000000000001AAA").doesNotContain("001000000000001");
    int eventAccount = CanonicalTable.USAGE_EVENTS.columnNames().indexOf("account_id");
    assertThat(tables.get(CanonicalTable.USAGE_EVENTS).rows()).extracting(r -> r.getString(eventAccount))
        .contains("001000000000001AAA").doesNotContain("001000000000001");
  }

  private Path copy(String resource, Path to) throws Exception {
    InputFolder.copyTree(Path.of(getClass().getResource(resource).toURI()), to);
    return to;
  }
}

package com.saleslift.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.table.ResultTable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One small business written twice: as canonical tables, and with its CRM as a Salesforce
 * export (15-character ids, API names, Salesforce datetimes and offsets, picklist values, a
 * deleted account and line item, a quota owner with reports), its billing as a Stripe export
 * (invoice line items in cents, monthly and yearly prices, Unix and Sigma times, the CRM account
 * in customer metadata both ways, a proration, a one-off and a test-mode line) and its usage as
 * Segment tracks and groups (warehouse times with offsets, a user whose group row comes after the
 * event, a later group change, the product from a column or the event name). Both give the
 * same metric tables.
 */
class SourceEquivalenceTest {
  @Test
  void salesforceStripeAndSegmentExportsGiveTheSameTablesAsTheCanonicalForm() throws URISyntaxException {
    Path root = Path.of(SourceEquivalenceTest.class.getResource("/sources/equivalence").toURI());
    LocalDate runDate = LocalDate.of(2024, 6, 30);
    Map<String, ResultTable> canonical = Pipeline.metrics(root.resolve("canonical"), runDate);
    Map<String, ResultTable> exported = Pipeline.metrics(root.resolve("exported"), runDate);

    assertThat(exported.keySet()).isEqualTo(canonical.keySet());
    for (String table : canonical.keySet()) {
      assertThat(Pipeline.lines(exported.get(table))).as(table).isEqualTo(Pipeline.lines(canonical.get(table)));
    }
    // Not equal by being empty: the business has won deals, MRR, quota and activities.
    assertThat(canonical.get("quota_attainment").rows()).hasSize(2);
    assertThat(canonical.get("mrr_movements").rows()).isNotEmpty();
    assertThat(canonical.get("activity_effectiveness").rows()).isNotEmpty();
  }

  /** `validate` on an export says, per file, what was read, mapped and rejected, and which values had no mapping. */
  @Test
  void validateNamesTheValuesWithoutAMapping(@TempDir Path dir) throws Exception {
    Path root = Path.of(SourceEquivalenceTest.class.getResource("/sources/equivalence/exported").toURI());
    Path input = dir.resolve("in");
    InputFolder.copyTree(root, input);
    Path opportunities = input.resolve("salesforce/Opportunity.csv");
    Files.writeString(opportunities, Files.readString(opportunities).replace("Existing Business", "Partner Deal"));

    CliRun run = CliRun.of("validate", "--input", input.toString(), "--date", "2024-06-30");

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains(opportunities + ": read 3, mapped 2, rejected 1 {BAD_ENUM=1}",
        "no mapping for Opportunity.Type 'Partner Deal': add it to sources.salesforce.opportunity_types (1 rows)",
        "warning: " + input.resolve("salesforce/Account.csv") + ": 1 rows with IsDeleted = true dropped",
        "proration or one-off lines left out");
  }
}

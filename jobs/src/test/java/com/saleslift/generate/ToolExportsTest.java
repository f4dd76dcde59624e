package com.saleslift.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.saleslift.support.Pipeline;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated company written as Salesforce + Stripe + Segment export it (and with PostHog for
 * usage, HubSpot for the CRM) publishes the same metric tables as its canonical tables: every
 * mapping, read back.
 */
class ToolExportsTest {
  private static final LocalDate END = LocalDate.of(2025, 6, 30);
  @TempDir
  static Path dir;
  static Path canonical;
  static Map<String, ResultTable> expected;

  @BeforeAll
  static void company() throws Exception {
    canonical = dir.resolve("canonical");
    SampleGenerator.write(canonical, new SampleGenerator.Settings(150, 15, 3, END));
    expected = Pipeline.metrics(canonical, END);
  }

  @Test
  void salesforceStripeAndSegmentPublishTheCanonicalTables() throws Exception {
    Path exported = exported("salesforce,stripe,segment", "salesforce/Opportunity.csv", "stripe/invoice_line_items.csv",
        "segment/tracks.csv");
    assertThat(exported).isDirectoryNotContaining("glob:**/{accounts,reps,products,opportunities,activities,subscriptions,usage_events}.csv");
    assertThat(Files.readString(exported.resolve("saleslift.yaml"))).contains("sources:", "role_levels", "product_property");
    assertSameTables(Pipeline.metrics(exported, END));
  }

  @Test
  void postHogForUsagePublishesTheCanonicalTables() throws Exception {
    assertSameTables(Pipeline.metrics(exported("posthog", "posthog/events.csv"), END));
  }

  /** HubSpot logs no mailers: written as emails, they are counted as emails; every other table is the canonical one. */
  @Test
  void hubSpotPublishesTheCanonicalTablesButCountsMailersAsEmails() throws Exception {
    Map<String, ResultTable> actual = Pipeline.metrics(exported("hubspot,stripe", "hubspot/deal_stages.csv", "products.csv"), END);
    assertSameTables(actual, Set.of("outreach_mix", "activity_effectiveness"));
    ResultTable effectiveness = actual.get("activity_effectiveness");
    assertThat(effectiveness.rows()).noneMatch(r -> effectiveness.text(r, "activity_type").equals("MAILER"));
  }

  /** The canonical company as {@code tools} export it, in a folder of its own, holding at least {@code files}. */
  private static Path exported(String tools, String... files) throws IOException {
    Path exported = dir.resolve(tools.replace(',', '-'));
    ToolExports.write(canonical, exported, ToolExports.Tool.parse(tools), "USD", END);
    for (String file : files) {
      assertThat(exported.resolve(file)).isRegularFile();
    }
    return exported;
  }

  @Test
  void oneToolPerTable() {
    assertThatThrownBy(() -> ToolExports.Tool.parse("segment,posthog")).hasMessage("usage_events would come from two tools: choose one of them");
    assertThatThrownBy(() -> ToolExports.Tool.parse("salesforce,hubspot")).hasMessage("accounts would come from two tools: choose one of them");
    assertThatThrownBy(() -> ToolExports.Tool.parse("salesforce,zendesk")).hasMessageStartingWith("unknown tool 'zendesk'");
    assertThat(ToolExports.Tool.parse("Stripe")).isEqualTo(Set.of(ToolExports.Tool.STRIPE));
  }

  private static void assertSameTables(Map<String, ResultTable> actual) {
    assertSameTables(actual, Set.of());
  }

  private static void assertSameTables(Map<String, ResultTable> actual, Set<String> except) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    // A company of 150 accounts fills every table but, perhaps, the short lists of accounts to act on.
    assertThat(expected.values().stream().filter(t -> !t.rows().isEmpty()).count()).isGreaterThanOrEqualTo(12);
    expected.forEach((name, table) -> {
      if (!except.contains(name)) {
        assertThat(Pipeline.lines(actual.get(name))).as(name).isEqualTo(Pipeline.lines(table));
      }
    });
  }
}

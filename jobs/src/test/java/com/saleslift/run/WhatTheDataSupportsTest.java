package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two half-present companies run whole: one with a CRM and no billing or usage, one with billing
 * and usage and no CRM. What they cannot support is published header-only and said in one line,
 * never read as zeros; the shapes of their rows are counted by hand below.
 */
class WhatTheDataSupportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No freshness checks: an empty table's "nothing tells how fresh it is" is another test's business. */
  private static final String CONFIG = """
      freshness:
        usage_events: null
        opportunities: null
        activities: null
        subscriptions: null
      """;
  private static final String ACCOUNTS = """
      A1,,B2B,250,,,,,2024-01-01T00:00:00Z
      A2,,B2C,,,,,,2024-01-01T00:00:00Z
      A3,,B2B,40,,,,,2024-01-01T00:00:00Z
      """;
  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void aCrmOnlyCompanySaysWhatBillingAndUsageWouldFillAndStatesNoChurnFromNothing() throws Exception {
    // Won deals: O1 (1000) and O2 (no amount) -> 1 of 2 without an amount. Open deals: O3 (close
    // 2024-03-01, 121 days before the run date) and O4 (close 2024-06-15) -> 1 of 2 past its close date.
    Path input = new InputFolder(dir.resolve("crm")).config(CONFIG)
        .table("accounts", ACCOUNTS)
        .table("opportunities", """
            O1,A1,R1,p,NEW_BUSINESS,Won,true,true,1000,,,2024-01-05T00:00:00Z,2024-03-01,
            O2,A2,R1,p,NEW_BUSINESS,Won,true,true,,,,2024-01-05T00:00:00Z,2024-04-01,
            O3,A3,R1,p,NEW_BUSINESS,Open,false,false,500,,,2024-01-05T00:00:00Z,2024-03-01,
            O4,A3,R1,q,UPSELL,Open,false,false,200,,,2024-02-05T00:00:00Z,2024-06-15,
            """)
        .table("activities", "C1,R1,A1,O1,CALL,2024-01-10T10:00:00Z,15")
        .write();
    Path run = nightly(input);
    assertThat(lines(run, "mrr_movements")).hasSize(1);
    assertThat(lines(run, "sales_lift")).hasSize(1);
    assertThat(lines(run, "quarter_end_deals")).hasSize(1);
    assertThat(lines(run, "outreach_mix")).hasSize(1);
    assertThat(lines(run, "sales_funnel")).hasSizeGreaterThan(1);

    JsonNode json = JSON.readTree(run.resolve("run.json").toFile());
    assertThat(json.path("left_out").path("mrr_movements").asText()).isEqualTo("needs subscriptions: none in this input");
    assertThat(json.path("left_out").path("sales_lift").asText())
        .isEqualTo("needs subscriptions and usage_events: neither in this input");
    assertThat(json.path("left_out").has("sales_funnel")).isFalse();
    assertThat(json.path("channel_known").asBoolean()).isTrue();
    String wonWithout = "1 of 2 won deals have no amount: bookings, deal sizes and quota attainment count them as 0.";
    String pastClose = "1 of 2 open deals have a close date more than 90 days past: the pipeline and its win rate may hold"
        + " deals nobody works any more.";
    assertThat(json.path("warnings")).extracting(JsonNode::asText).containsExactly(wonWithout, pastClose);

    String titlePage = page(run, 1);
    assertThat(titlePage).contains("Left out: what this input cannot support",
        "Where sales adds value: needs subscriptions and usage_events: neither in this input",
        "Revenue: needs subscriptions: none in this input");
    // Neither shape is a headline warning: on the data-quality page only.
    assertThat(titlePage).doesNotContain("Data warnings", wonWithout);
    String report = text(run);
    assertThat(report).contains(wonWithout, pastClose,
        "MRR movements per month: sales-led vs product-led: needs subscriptions: none in this input.");
    assertThat(report).doesNotContain("churned within 180 days", "paid within 180 days", "of net new MRR",
        "No account has been followed for 180 days");
  }

  @Test
  void aBillingAndUsageCompanyHasNoChannelAndSeesItsOverlappingPeriods() throws Exception {
    // A1 holds two periods of p that overlap from 2024-03-01 (versions of one subscription); A2's
    // two periods touch (end exclusive) and do not overlap; A3 pays nothing. Paying: A1, A2.
    // Current MRR on 2024-06-30: A1 100 + 120, A2 80 -> 300; A1's share 220 / 300 = 73%.
    Path input = new InputFolder(dir.resolve("billing")).config(CONFIG)
        .table("accounts", ACCOUNTS)
        .table("subscriptions", """
            S1,A1,p,,,100,,2024-01-01,
            S1,A1,p,,,120,,2024-03-01,
            S2,A2,p,,,50,,2024-01-01,2024-03-01
            S2,A2,p,,,80,,2024-03-01,
            S3,A3,q,,,0,,2024-01-01,
            """)
        .table("usage_events", """
            e1,2024-01-02T10:00:00Z,A1,u1,p,open
            e2,2024-01-03T10:00:00Z,A2,u2,p,open
            e3,2024-06-29T10:00:00Z,A3,u3,q,open
            """)
        .write();
    Path run = nightly(input);
    assertThat(lines(run, "sales_funnel")).hasSize(1);
    assertThat(lines(run, "sales_lift")).hasSize(1);
    List<String> movements = lines(run, "mrr_movements");
    assertThat(movements).hasSizeGreaterThan(1);
    int channel = List.of(movements.get(0).split(",")).indexOf("channel");
    assertThat(movements.subList(1, movements.size())).allSatisfy(row -> assertThat(row.split(",")[channel]).isEqualTo("UNKNOWN"));

    String overlap = "1 of 2 paying accounts hold overlapping periods of one product (73% of current MRR): MRR adds them"
        + " up; if your export writes versions of one subscription, keep only the current one.";
    JsonNode json = JSON.readTree(run.resolve("run.json").toFile());
    assertThat(json.path("channel_known").asBoolean()).isFalse();
    assertThat(json.path("shape_warnings").get(0).path("headline").asBoolean()).isTrue();
    assertThat(json.path("shape_warnings").get(0).path("count").asLong()).isEqualTo(1);
    for (int page = 1; page <= 2; page++) {
      assertThat(page(run, page)).as("page " + page).contains("Data warnings", overlap,
          "sales-led and product-led accounts cannot be told apart without CRM data");
    }
    // Three data warnings and three lines left out: the contents go on in a second column, all above the footer.
    assertThat(page(run, 1)).contains("Page 13 Definitions").containsPattern("Definitions.*SalesLift · 2024-06-30");
    String report = text(run);
    assertThat(report).contains("accounts added", "Where sales adds value: needs activities: none in this input");
    assertThat(report).doesNotContain("sales-led accounts added", "product-led accounts USD", "for B2B product-led");
  }

  private Path nightly(Path input) {
    Path output = input.resolveSibling(input.getFileName() + "-out");
    CliRun run = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", "2024-06-30");
    assertThat(run.exit()).as(run.stderr()).isZero();
    return output.resolve("2024-06-30");
  }

  private static List<String> lines(Path run, String table) throws IOException {
    return Files.readAllLines(run.resolve("metrics").resolve(table + ".csv"));
  }

  private static String page(Path run, int page) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(page);
      stripper.setEndPage(page);
      return stripper.getText(pdf).replaceAll("\\s+", " ");
    }
  }

  private static String text(Path run) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
    }
  }
}

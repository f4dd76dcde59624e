package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.cli.SalesLiftCli;
import com.saleslift.report.ReportCharts;
import com.saleslift.support.CliRun;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import com.saleslift.table.ResultTableCsv;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nightly` on data-samples/ into a temporary folder, as the scheduler runs it, in-process. */
class NightlyEndToEndTest {
  static final Path SAMPLES = Path.of("..", "data-samples");
  static final String[] TABLES = {"mrr_movements", "revenue_retention", "activation", "sales_funnel", "quota_attainment",
      "activity_effectiveness", "sales_lift", "onboarding", "quarter_end_deals", "outreach_mix", "feature_requests", "lifecycle",
      "accounts_to_engage", "accounts_at_risk"};
  @TempDir
  static Path out;
  static Path run;
  static CliRun nightly;

  @BeforeAll
  static void runNightly() {
    SparkTestSession.get();
    nightly = CliRun.of("nightly", "--input", SAMPLES.toString(), "--output", out.toString(), "--date", "2026-10-31");
    assertThat(nightly.exit()).as(nightly.stderr()).isZero();
    run = out.resolve("2026-10-31");
  }

  @Test
  void publishesTablesChartsRejectsPdfAndManifest() throws IOException {
    for (String table : TABLES) {
      List<String> lines = Files.readAllLines(run.resolve("metrics/" + table + ".csv"));
      assertThat(lines).as(table).hasSizeGreaterThan(2);
      assertThat(run.resolve("metrics/parquet/" + table)).as(table).isDirectory();
    }
    assertThat(run.resolve("rejects/accounts.csv")).exists();
    assertThat(Files.readString(run.resolve("rejects/opportunities.csv"))).contains(",ORPHAN,account_id,");
    assertThat(Files.readString(out.resolve("latest")).strip()).isEqualTo("2026-10-31");
    try (Stream<Path> leftovers = Files.list(out)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging-"));
    }
  }

  @Test
  void runJsonSaysWhatRanAndWhatItWrote() throws IOException {
    JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("run_date").asText()).isEqualTo("2026-10-31");
    assertThat(json.get("configuration").get("fiscal_year_start_month").asInt()).isEqualTo(2);
    JsonNode accounts = json.get("input_tables").get("accounts");
    assertThat(accounts.get("rows_read").asLong()).isEqualTo(3001);
    assertThat(accounts.get("rejected_by_reason").get("BAD_ENUM").asLong()).isEqualTo(1);
    assertThat(json.get("input_tables").get("usage_events").get("duplicates_dropped").asLong()).isEqualTo(40);
    assertThat(json.get("stage_seconds").has("metrics")).isTrue();
    assertThat(json.get("files_written").toString()).contains("report.pdf", "metrics/mrr_movements.csv", "run.json");
  }

  /**
   * The README's charts are the sample's charts as the code draws them now, pixel for pixel:
   * docs/images/redraw draws them again after a change to the sample or to a chart.
   */
  @Test
  void theDocumentedChartsAreTheSamplesChartsAsDrawnNow() throws IOException {
    Path images = Path.of("..", "docs", "images");
    String redraw = Files.readString(images.resolve("redraw"));
    try (Stream<Path> pngs = Files.list(images)) {
      for (Path png : pngs.filter(p -> p.toString().endsWith(".png")).toList()) {
        String name = png.getFileName().toString();
        assertThat(redraw).as("redraw draws " + name).contains(name.replace(".png", ""));
        BufferedImage documented = ImageIO.read(png.toFile());
        BufferedImage drawn = ImageIO.read(run.resolve("charts").resolve(name).toFile());
        assertThat(documented.getWidth()).as(name).isEqualTo(drawn.getWidth());
        assertThat(documented.getHeight()).as(name).isEqualTo(drawn.getHeight());
        int w = drawn.getWidth();
        int h = drawn.getHeight();
        assertThat(documented.getRGB(0, 0, w, h, null, 0, w)).as(name + ": run docs/images/redraw").isEqualTo(drawn.getRGB(0, 0, w, h, null, 0, w));
      }
    }
  }

  @Test
  void everyChartIsAPresentationSizedPng() throws IOException {
    for (var chart : ReportCharts.ALL) {
      BufferedImage png = ImageIO.read(run.resolve("charts/" + chart.fileName() + ".png").toFile());
      assertThat(png.getWidth()).as(chart.fileName()).isEqualTo(1600);
      assertThat(png.getHeight()).isEqualTo(900);
    }
  }

  @Test
  void thePdfHasItsSectionsInOrderTextAndEmbeddedFonts() throws IOException {
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      int pages = pdf.getNumberOfPages();
      // Title, summary, a page per chart, data quality, definitions.
      assertThat(pages).isGreaterThanOrEqualTo(4 + ReportCharts.ALL.size());
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("Nightly run", "Run date: 2026-10-31", "Data window: 2024-11 to 2026-10",
          "Page " + pages + " of " + pages);
      PDFTextStripper body = new PDFTextStripper();
      body.setStartPage(2);
      String afterTitle = body.getText(pdf);
      int at = -1;
      for (String section : ReportCharts.TITLES) {
        int next = afterTitle.indexOf(section + "\n", at + 1);
        assertThat(next).as("section " + section + " after the one before").isGreaterThan(at);
        at = next;
      }
      for (var chart : ReportCharts.ALL) {
        assertThat(text).contains(chart.title());
      }
      // The contents list ends above the footer: read by position, the footer is the last line.
      PDFTextStripper titlePage = new PDFTextStripper();
      titlePage.setSortByPosition(true);
      titlePage.setEndPage(1);
      List<String> lines = titlePage.getText(pdf).strip().lines().toList();
      assertThat(lines.get(lines.size() - 1)).startsWith("SalesLift").endsWith("Page 1 of " + pages);
      assertThat(lines.get(lines.size() - 2)).matches("Page \\d+\\s+" + ReportCharts.DEFINITIONS);
      // Chart text is real text (axis labels, legends), not outlines.
      assertThat(text).contains("Sales-led gains", "Fiscal quarter of close", "FY2027-Q3");
      // Nothing that names a person or an account reaches leadership: no names, user ids, e-mails.
      assertThat(text).doesNotContain("Company 0", "Household 0", "@");
      assertThat(text).doesNotContainPattern("U\\d{5}-\\d");
      assertThat(text).doesNotContainPattern("A\\d{5}");
      for (PDPage page : pdf.getPages()) {
        assertFontsEmbedded(page.getResources());
      }
      PDFRenderer renderer = new PDFRenderer(pdf);
      for (int i = 0; i < pdf.getNumberOfPages(); i++) {
        assertThat(renderer.renderImageWithDPI(i, 30).getWidth()).isGreaterThan(0);
      }
    }
  }

  /** The summary's figures against sums of the published tables, computed here by hand. */
  @Test
  void theSummaryFiguresEqualTheTables() throws IOException {
    BigDecimal mrr = octoberSum("mrr_movements", "mrr_end");
    BigDecimal start = octoberSum("mrr_movements", "mrr_start");
    BigDecimal cohortStart = octoberSum("revenue_retention", "start_mrr");
    BigDecimal cohortEnd = octoberSum("revenue_retention", "end_mrr");
    BigDecimal nrrPercent = cohortEnd.multiply(BigDecimal.valueOf(100)).divide(cohortStart, 1, RoundingMode.HALF_UP);
    BigDecimal netNew = mrr.subtract(start);
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      PDFTextStripper summary = new PDFTextStripper();
      summary.setStartPage(2);
      summary.setEndPage(2);
      String text = summary.getText(pdf);
      assertThat(text).contains("Executive summary", "No earlier nightly run in the run history", "Since the previous run", "No earlier run to compare with.");
      assertThat(text).contains(String.format(Locale.ROOT, "Current MRR USD %,d", mrr.setScale(0, RoundingMode.HALF_UP).longValueExact()));
      assertThat(text).contains(String.format(Locale.ROOT, "Net new MRR, October 2026 %sUSD %,d", netNew.signum() < 0 ? "-" : "",
          netNew.abs().setScale(0, RoundingMode.HALF_UP).longValueExact()));
      assertThat(text).contains("NRR, 12 months " + nrrPercent.toPlainString() + "%");
      // Letters, not ligature glyphs: "fi" extracts as two letters.
      assertThat(text).contains("Win rate, last 4 fiscal quarters").doesNotContain("\ufb01");
      // Findings lead with sales_lift: the segment of the clear verdict on conversion with the
      // largest effect, read from the table here, in one line.
      assertThat(text).containsPattern("Findings\\s+\u2022 " + largestClearConversionLift() + ": a sales touch raises 180-day"
          + " conversion by");
      String all = new PDFTextStripper().getText(pdf);
      assertThat(all).contains("Data quality", "accounts 3,001 3,000 1 0 0 BAD_ENUM 1");
    }
    // A scheduler's log ends with where the report is and the first three figures.
    List<String> printed = nightly.stdout().lines().toList();
    assertThat(printed.subList(printed.size() - 5, printed.size())).containsExactly(
        "published " + run,
        "report: " + run.resolve("report.pdf"),
        String.format(Locale.ROOT, "Current MRR: USD %,d", mrr.setScale(0, RoundingMode.HALF_UP).longValueExact()),
        String.format(Locale.ROOT, "Net new MRR, October 2026: %sUSD %,d", netNew.signum() < 0 ? "-" : "",
            netNew.abs().setScale(0, RoundingMode.HALF_UP).longValueExact()),
        "NRR, 12 months: " + nrrPercent.toPlainString() + "%");
  }

  /**
   * The Spark jobs a nightly of the sample may run, per stage (run.json's `spark_jobs`). Each job
   * costs planning and scheduling whatever its size; a change that adds jobs must say why here.
   * Validation's 24th is the freshness check (the newest row of four tables, in one job), its 25th
   * and 26th the daily usage counts (kept, and written to the state), its 27th the accounts'
   * pre-period ends broadcast to keep every pre-period event time in the state (exact counts), its
   * 28th to 30th the shape warnings (overlapping subscription periods, usage before creation, the
   * won and open deals in one job); the metrics' 23rd and 24th
   * are accounts_to_engage's (the touched accounts broadcast, then the list), the 25th and 26th
   * accounts_at_risk's (its order sampled, then the list).
   */
  @Test
  void staysWithinItsBudgetOfSparkJobs() throws IOException {
    JsonNode jobs = new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("spark_jobs");
    Map<String, Integer> budget = Map.of("validate", 30, "normalize", 5, "metrics", 26, "parquet", 1);
    jobs.fieldNames().forEachRemaining(stage -> assertThat(budget).as("a stage that runs Spark jobs").containsKey(stage));
    budget.forEach((stage, most) -> assertThat(jobs.path(stage).asInt()).as(stage).isPositive().isLessThanOrEqualTo(most));
  }

  /** Not on a terminal (as under a scheduler): one time-stamped line per stage, in the order they ran, before the summary. */
  @Test
  void printsOnePlainLinePerStage() {
    List<String> stages = nightly.stdout().lines().filter(l -> l.contains(" saleslift: ")).toList();
    assertThat(stages).hasSize(7).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ saleslift: [a-z_]+ +\\d+\\.\\d s"));
    assertThat(stages).extracting(l -> l.split(" +")[2])
        .containsExactly("ingest", "spark_start", "validate", "normalize", "metrics", "parquet", "render");
    assertThat(nightly.stderr()).isEmpty();
  }

  /** A column summed over the published table's rows of month 2026-10. */
  private static BigDecimal octoberSum(String table, String column) throws IOException {
    ResultTable t = ResultTableCsv.read(table, run.resolve("metrics/" + table + ".csv"));
    BigDecimal sum = BigDecimal.ZERO;
    for (List<String> row : t.rows()) {
      if (t.text(row, "month").equals("2026-10")) {
        sum = sum.add(new BigDecimal(t.text(row, column)));
      }
    }
    return sum;
  }

  /** The segment and size band (in the report's words) of the largest clear lift on 180-day conversion. */
  private static String largestClearConversionLift() throws IOException {
    ResultTable lift = ResultTableCsv.read("sales_lift", run.resolve("metrics/sales_lift.csv"));
    List<String> largest = null;
    for (List<String> row : lift.rows()) {
      if (lift.text(row, "outcome").equals("CONVERTED_180D") && lift.text(row, "verdict").equals("ADDS_VALUE")
          && (largest == null || new BigDecimal(lift.text(row, "adjusted_lift"))
              .compareTo(new BigDecimal(lift.text(largest, "adjusted_lift"))) > 0)) {
        largest = row;
      }
    }
    assertThat(largest).as("a clear verdict on conversion").isNotNull();
    return lift.text(largest, "segment");
  }

  /** The PDF (whose charts are vector graphics: their labels are text too) names no account, not even those it counts. */
  @Test
  void theReportNamesNoAccount() throws IOException {
    ResultTable accounts = ResultTableCsv.read("accounts", SAMPLES.resolve("accounts.csv"));
    ResultTable list = ResultTableCsv.read("accounts_to_engage", run.resolve("metrics/accounts_to_engage.csv"));
    assertThat(list.rows()).hasSizeGreaterThan(5);
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("Who to act on next", list.rows().size() + " new accounts where a touch is measured to pay off");
      for (List<String> row : accounts.rows()) {
        assertThat(text).doesNotContain(accounts.text(row, "account_id"));
        if (!accounts.text(row, "account_name").isEmpty()) {
          assertThat(text).doesNotContain(accounts.text(row, "account_name"));
        }
      }
    }
  }

  /**
   * The story the sample exists to tell (the generator plants it: a sales touch raises B2B
   * conversion, B2C's not at all): sales adds value somewhere in B2B, nowhere in B2C, with a
   * last full month that moved, onboarding that takes some accounts days, and promises both kept and broken.
   */
  @Test
  void theSampleTellsWhereSalesAddsValueAndWhereTheProductSellsItself() throws IOException {
    ResultTable lift = ResultTableCsv.read("sales_lift", run.resolve("metrics/sales_lift.csv"));
    List<String> conversionVerdicts = lift.rows().stream().filter(r -> lift.text(r, "outcome").equals("CONVERTED_180D"))
        .map(r -> lift.text(r, "segment") + " " + lift.text(r, "verdict")).toList();
    assertThat(conversionVerdicts).contains("B2B ADDS_VALUE").doesNotContain("B2C ADDS_VALUE");
    assertThat(octoberSum("mrr_movements", "mrr_end")).isNotEqualByComparingTo(octoberSum("mrr_movements", "mrr_start"));
    ResultTable onboarding = ResultTableCsv.read("onboarding", run.resolve("metrics/onboarding.csv"));
    assertThat(onboarding.rows()).anySatisfy(r -> assertThat(onboarding.number(r, "p75_days"))
        .hasValueSatisfying(days -> assertThat(days).isPositive()));
    ResultTable promises = ResultTableCsv.read("feature_requests", run.resolve("metrics/feature_requests.csv"));
    assertThat(promises.rows().stream().map(r -> promises.text(r, "promise_status"))).contains("KEPT", "BROKEN");
    JsonNode manifest = new ObjectMapper().readTree(run.resolve("run.json").toFile());
    assertThat(manifest.get("warnings")).as("no data warning on the sample at its own end").isEmpty();
  }

  @Test
  void reRenderingFromTheTablesGivesTheSamePdfTextAndCharts() throws IOException {
    String before;
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      before = new PDFTextStripper().getText(pdf);
    }
    byte[] chart = Files.readAllBytes(run.resolve("charts/" + ReportCharts.ALL.get(0).fileName() + ".png"));
    byte[] table = Files.readAllBytes(run.resolve("metrics/mrr_movements.csv"));

    assertThat(CliRun.of("report", "--run", run.toString()).exit()).isZero();

    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      assertThat(new PDFTextStripper().getText(pdf)).isEqualTo(before);
    }
    assertThat(Files.readAllBytes(run.resolve("charts/" + ReportCharts.ALL.get(0).fileName() + ".png"))).isEqualTo(chart);
    assertThat(Files.readAllBytes(run.resolve("metrics/mrr_movements.csv"))).isEqualTo(table);
    CliRun notARun = CliRun.of("report", "--run", out.resolve("no-such-run").toString());
    assertThat(notARun.exit()).isEqualTo(2);
    assertThat(notARun.stderrLines()).singleElement().asString().contains("is not a run folder");
  }

  @Test
  void aRerunOfTheSameDateGivesByteIdenticalTables() throws IOException {
    byte[][] before = new byte[TABLES.length][];
    for (int i = 0; i < TABLES.length; i++) {
      before[i] = Files.readAllBytes(run.resolve("metrics/" + TABLES[i] + ".csv"));
    }
    String[] args = {"nightly", "--input", SAMPLES.toString(), "--output", out.toString(), "--date", "2026-10-31"};
    assertThat(SalesLiftCli.commandLine(List.of(args)).execute(args)).isZero();
    for (int i = 0; i < TABLES.length; i++) {
      assertThat(Files.readAllBytes(run.resolve("metrics/" + TABLES[i] + ".csv"))).as(TABLES[i]).isEqualTo(before[i]);
    }
  }

  private static void assertFontsEmbedded(PDResources resources) throws IOException {
    for (COSName name : resources.getFontNames()) {
      PDFont font = resources.getFont(name);
      assertThat(font.isEmbedded()).as(font.getName()).isTrue();
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDFormXObject form) {
        assertFontsEmbedded(form.getResources());
      }
    }
  }
}

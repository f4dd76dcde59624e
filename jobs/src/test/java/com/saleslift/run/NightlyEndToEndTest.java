package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.cli.SalesLiftCli;
import com.saleslift.report.ReportCharts;
import com.saleslift.support.SparkTestSession;
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
      "activity_effectiveness", "sales_lift", "onboarding", "quarter_end_deals", "outreach_mix", "feature_requests", "lifecycle"};
  @TempDir
  static Path out;
  static Path run;

  @BeforeAll
  static void runNightly() {
    SparkTestSession.get();
    String[] args = {"nightly", "--input", SAMPLES.toString(), "--output", out.toString(), "--date", "2026-10-31"};
    assertThat(SalesLiftCli.commandLine(List.of(args)).execute(args)).isZero();
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
    assertThat(accounts.get("rows_read").asLong()).isEqualTo(2001);
    assertThat(accounts.get("rejected_by_reason").get("BAD_ENUM").asLong()).isEqualTo(1);
    assertThat(json.get("input_tables").get("usage_events").get("duplicates_dropped").asLong()).isEqualTo(40);
    assertThat(json.get("stage_seconds").has("metrics")).isTrue();
    assertThat(json.get("files_written").toString()).contains("report.pdf", "metrics/mrr_movements.csv", "run.json");
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
  void thePdfHasItsPagesTextAndEmbeddedFonts() throws IOException {
    try (PDDocument pdf = Loader.loadPDF(run.resolve("report.pdf").toFile())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1 + ReportCharts.ALL.size());
      String text = new PDFTextStripper().getText(pdf);
      int pages = 1 + ReportCharts.ALL.size();
      assertThat(text).contains("Nightly run", "Run date: 2026-10-31", "Data window: 2024-11 to 2026-10",
          "Page " + pages + " of " + pages);
      for (var chart : ReportCharts.ALL) {
        assertThat(text).contains(chart.title());
      }
      // The contents list ends above the footer: read by position, the footer is the last line.
      PDFTextStripper titlePage = new PDFTextStripper();
      titlePage.setSortByPosition(true);
      titlePage.setEndPage(1);
      List<String> lines = titlePage.getText(pdf).strip().lines().toList();
      assertThat(lines.get(lines.size() - 1)).startsWith("SalesLift").endsWith("Page 1 of " + pages);
      assertThat(lines.get(lines.size() - 2)).matches("Page " + pages + "\\s+" + java.util.regex.Pattern.quote(
          ReportCharts.ALL.get(ReportCharts.ALL.size() - 1).title()));
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

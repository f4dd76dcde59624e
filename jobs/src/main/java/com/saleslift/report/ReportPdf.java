package com.saleslift.report;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

/**
 * report.pdf: a title page, then one A4 landscape page per chart with its takeaway, the chart
 * drawn as vector graphics with embedded DejaVu Sans (so its text can be searched), page numbers.
 */
public final class ReportPdf {
  private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
  private static final float MARGIN = 40f;
  /** Room kept under a chart for the page footer. */
  private static final float FOOTER_SPACE = 36f;

  private final ReportData data;
  private PDFont regular;
  private PDFont bold;

  private ReportPdf(ReportData data) {
    this.data = data;
  }

  public static void write(ReportData data, Path file) throws IOException {
    new ReportPdf(data).render(file);
  }

  private void render(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      regular = load(doc, ReportFonts.REGULAR_RESOURCE);
      bold = load(doc, ReportFonts.BOLD_RESOURCE);
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("SalesLift report " + data.runId());
      info.setCreator("SalesLift");
      // A fixed date keeps two renders of the same tables identical.
      info.setCreationDate(java.util.GregorianCalendar.from(ZonedDateTime.of(data.runDate().atStartOfDay(), ZoneOffset.UTC)));
      List<ReportChart> charts = ReportCharts.ALL;
      int pages = 1 + charts.size();
      titlePage(doc, pages);
      int number = 2;
      for (ReportChart chart : charts) {
        chartPage(doc, chart, number++, pages);
      }
      doc.save(file.toFile());
    }
  }

  private static PDFont load(PDDocument doc, String resource) throws IOException {
    try (InputStream in = ReportFonts.open(resource)) {
      return PDType0Font.load(doc, in, true);
    }
  }

  private void titlePage(PDDocument doc, int pages) throws IOException {
    PDPage page = new PDPage(PAGE);
    doc.addPage(page);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      float y = PAGE.getHeight() - 90;
      text(cs, bold, 30, MARGIN + 20, y, "SalesLift");
      text(cs, regular, 16, MARGIN + 20, y - 34, "Where sales effort adds value, and where the product sells itself");
      y -= 80;
      List<String> facts = List.of(
          data.scope(),
          "Run: " + data.runId(),
          "Run date: " + data.runDate(),
          "Data window: " + data.firstMonth() + " to " + data.lastMonth(),
          "Amounts in " + data.baseCurrency());
      for (String fact : facts) {
        text(cs, regular, 13, MARGIN + 20, y, fact);
        y -= 20;
      }
      y -= 20;
      text(cs, bold, 13, MARGIN + 20, y, "Contents");
      y -= 22;
      int n = 2;
      for (ReportChart chart : ReportCharts.ALL) {
        text(cs, regular, 12, MARGIN + 30, y, "Page " + n++ + "  " + chart.title());
        y -= 16;
      }
      footer(cs, 1, pages);
    }
  }

  private void chartPage(PDDocument doc, ReportChart chart, int number, int pages) throws IOException {
    PDPage page = new PDPage(PAGE);
    doc.addPage(page);
    float width = PAGE.getWidth() - 2 * MARGIN;
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      float y = PAGE.getHeight() - MARGIN - 18;
      text(cs, bold, 18, MARGIN, y, chart.title());
      y -= 24;
      for (String line : wrap(chart.takeaway(data), regular, 12, width)) {
        text(cs, regular, 12, MARGIN, y, line);
        y -= 16;
      }
      Optional<JFreeChart> drawn = chart.chart(data);
      if (drawn.isPresent()) {
        // The chart takes what the takeaway leaves of the page.
        float height = y - 10 - FOOTER_SPACE;
        PDFormXObject form = vector(doc, drawn.get(), width, height);
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(MARGIN, FOOTER_SPACE));
        cs.drawForm(form);
        cs.restoreGraphicsState();
      }
      footer(cs, number, pages);
    }
  }

  /** The chart as a PDF form XObject, its text drawn with the embedded fonts. */
  private PDFormXObject vector(PDDocument doc, JFreeChart chart, float width, float height) throws IOException {
    PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, width, height);
    try (PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
      fonts.registerFont(ReportFonts.nameOf(ReportFonts.REGULAR_RESOURCE), regular);
      fonts.registerFont(ReportFonts.nameOf(ReportFonts.BOLD_RESOURCE), bold);
      g.setFontTextDrawer(fonts);
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return g.getXFormObject();
  }

  private void footer(PDPageContentStream cs, int number, int pages) throws IOException {
    String left = "SalesLift \u00b7 " + data.runId();
    String right = "Page " + number + " of " + pages;
    text(cs, regular, 9, MARGIN, 20, left);
    text(cs, regular, 9, PAGE.getWidth() - MARGIN - regular.getStringWidth(right) / 1000f * 9, 20, right);
  }

  private static void text(PDPageContentStream cs, PDFont font, float size, float x, float y, String text) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(text);
    cs.endText();
  }

  static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && font.getStringWidth(candidate) / 1000f * size > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}

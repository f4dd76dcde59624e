package com.saleslift.report;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitWidthDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

/**
 * report.pdf, A4 landscape: a title page with the contents, the executive summary, one page
 * per chart grouped in the sections of {@link ReportCharts}, then data quality and definitions.
 * Charts are vector graphics; text uses the embedded DejaVu Sans (so it can be searched and
 * extracted); every page has a footer with its number.
 */
public final class ReportPdf {
  private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
  private static final float MARGIN = 40f;
  private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
  /** Room kept at the bottom of every page for the footer. */
  private static final float FOOTER_SPACE = 36f;
  private static final Color MUTED = new Color(0x55, 0x55, 0x55);
  /** Data warnings: dark red, readable in print and on screen. */
  private static final Color WARNING = new Color(0xB0, 0x1E, 0x1E);
  private static final String DEFINITIONS_RESOURCE = "/com/saleslift/report/definitions.txt";

  private final ReportData data;
  private PDDocument doc;
  private PDFont regular;
  private PDFont bold;
  /** Open until the document is saved: the embedded subsets are cut from them then. */
  private final List<TrueTypeFont> fonts = new ArrayList<>();

  private ReportPdf(ReportData data) {
    this.data = data;
  }

  public static void write(ReportData data, Path file) throws IOException {
    new ReportPdf(data).render(file);
  }

  private void render(Path file) throws IOException {
    try (PDDocument document = new PDDocument()) {
      doc = document;
      regular = load(ReportFonts.REGULAR_RESOURCE);
      bold = load(ReportFonts.BOLD_RESOURCE);
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("SalesLift report " + data.runId());
      info.setCreator("SalesLift");
      // A fixed date keeps two renders of the same tables identical.
      info.setCreationDate(java.util.GregorianCalendar.from(ZonedDateTime.of(data.runDate().atStartOfDay(), ZoneOffset.UTC)));
      // Sections first: the contents on the title page need their page numbers (the title page is page 1).
      Map<String, Integer> firstPage = new LinkedHashMap<>();
      firstPage.put(ReportCharts.EXECUTIVE_SUMMARY, doc.getNumberOfPages() + 2);
      executiveSummary();
      for (ReportCharts.Section section : ReportCharts.SECTIONS) {
        firstPage.put(section.title(), doc.getNumberOfPages() + 2);
        boolean first = true;
        for (ReportChart chart : section.charts()) {
          if (data.support().supports(chart.table())) {
            chartPage(section.title(), first, chart);
            first = false;
          }
        }
        List<ReportChart> leftOut = section.charts().stream().filter(c -> !data.support().supports(c.table())).toList();
        if (!leftOut.isEmpty()) {
          leftOutPage(section.title(), first, leftOut);
        }
      }
      firstPage.put(ReportCharts.DATA_QUALITY, doc.getNumberOfPages() + 2);
      dataQuality();
      firstPage.put(ReportCharts.DEFINITIONS, doc.getNumberOfPages() + 2);
      definitions();
      titlePage(firstPage);
      outline(firstPage);
      footers();
      try (OutputStream out = Files.newOutputStream(file)) {
        doc.save(out);
      }
    } finally {
      for (TrueTypeFont font : fonts) {
        font.close();
      }
    }
  }

  /**
   * The font embedded as a subset, without the font's ligatures: PDFBox would otherwise draw
   * "fi" as one glyph, and the text a reader copies or searches would say "ﬁscal", not "fiscal".
   */
  private PDFont load(String resource) throws IOException {
    try (InputStream in = ReportFonts.open(resource)) {
      TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in));
      font.setEnableGsub(false);
      fonts.add(font);
      return PDType0Font.load(doc, font, true);
    }
  }

  private void titlePage(Map<String, Integer> firstPage) throws IOException {
    PDPage page = new PDPage(PAGE);
    if (doc.getNumberOfPages() == 0) {
      doc.addPage(page);
    } else {
      doc.getPages().insertBefore(page, doc.getPage(0));
    }
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      float y = PAGE.getHeight() - 90;
      text(cs, bold, 30, MARGIN + 20, y, "SalesLift");
      text(cs, regular, 16, MARGIN + 20, y - 34, "Where sales effort adds value, and where the product sells itself");
      y -= 80;
      List<String> facts = List.of(
          data.scope(),
          "Run date: " + data.runDate() + (data.settings().runDateFrom().equals("input_end")
              ? " (the day of the newest usage event in the input)" : ""),
          "Data window: " + data.firstMonth() + " to " + data.lastMonth(),
          "Amounts in " + data.baseCurrency() + "; days, months and quarters in " + data.settings().reportingTimezone()
              + "; the fiscal year starts in " + Month.of(data.settings().fiscalYearStartMonth()).getDisplayName(TextStyle.FULL, ChartTheme.LOCALE));
      for (String fact : facts) {
        text(cs, regular, 13, MARGIN + 20, y, fact);
        y -= 20;
      }
      if (!data.warnings().isEmpty()) {
        y -= 10;
        cs.setNonStrokingColor(WARNING);
        text(cs, bold, 13, MARGIN + 20, y, "Data warnings: read the numbers with care");
        y -= 19;
        for (String warning : data.warnings()) {
          for (String line : wrap("\u26a0 " + warning, regular, 11, WIDTH - 40)) {
            text(cs, regular, 11, MARGIN + 30, y, line);
            y -= 15;
          }
        }
        cs.setNonStrokingColor(Color.BLACK);
      }
      List<String> leftOut = leftOutSummary();
      if (!leftOut.isEmpty()) {
        y -= 10;
        text(cs, bold, 13, MARGIN + 20, y, "Left out: what this input cannot support");
        y -= 19;
        for (String entry : leftOut) {
          for (String line : wrap("\u2022 " + entry, regular, 11, WIDTH - 40)) {
            text(cs, regular, 11, MARGIN + 30, y, line);
            y -= 15;
          }
        }
      }
      y -= 20;
      text(cs, bold, 13, MARGIN + 20, y, "Contents");
      y -= 22;
      float top = y;
      float x = MARGIN + 30;
      List<org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation> links = new ArrayList<>();
      for (Map.Entry<String, Integer> section : firstPage.entrySet()) {
        // Many data warnings and sections left out push the contents down: they go on in a second column.
        if (y < FOOTER_SPACE + 12) {
          x += WIDTH / 2;
          y = top;
        }
        String entry = "Page " + section.getValue() + "  " + section.getKey();
        text(cs, regular, 12, x, y, entry);
        // The line is a link to its page, as a reader of a PDF expects of a contents page.
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(new PDRectangle(x - 2, y - 4, width(regular, 12, entry) + 4, 16));
        link.setBorderStyle(noBorder());
        PDActionGoTo go = new PDActionGoTo();
        go.setDestination(destination(section.getValue()));
        link.setAction(go);
        links.add(link);
        y -= 17;
      }
      page.setAnnotations(links);
    }
  }

  /**
   * The sections the input cannot fill at all, each with why ("Customer requests: needs
   * feature_requests: none in this input"), and the channel when it cannot be known. A section
   * with some of its charts drawn says on its own pages which it could not draw.
   */
  private List<String> leftOutSummary() {
    List<String> lines = new ArrayList<>();
    for (ReportCharts.Section section : ReportCharts.SECTIONS) {
      List<String> reasons = section.charts().stream().map(c -> data.support().leftOut(c.table())).toList().stream()
          .map(why -> why.orElse(null)).toList();
      if (!reasons.contains(null)) {
        lines.add(section.title() + ": " + String.join("; ", new java.util.LinkedHashSet<>(reasons)));
      }
    }
    if (!data.support().channelKnown()) {
      lines.add("Sales-led against product-led: " + com.saleslift.table.DataSupport.CHANNEL_UNKNOWN);
    }
    return lines;
  }

  /** The bookmarks a PDF reader shows beside the pages: one per section of the contents. */
  private void outline(Map<String, Integer> firstPage) {
    PDDocumentOutline outline = new PDDocumentOutline();
    doc.getDocumentCatalog().setDocumentOutline(outline);
    for (Map.Entry<String, Integer> section : firstPage.entrySet()) {
      PDOutlineItem item = new PDOutlineItem();
      item.setTitle(section.getKey());
      item.setDestination(destination(section.getValue()));
      outline.addLast(item);
    }
    outline.openNode();
  }

  /** The top of a page, by its number counted from 1. */
  private PDPageFitWidthDestination destination(int pageNumber) {
    PDPageFitWidthDestination top = new PDPageFitWidthDestination();
    top.setPage(doc.getPage(pageNumber - 1));
    top.setTop((int) PAGE.getHeight());
    return top;
  }

  private static PDBorderStyleDictionary noBorder() {
    PDBorderStyleDictionary none = new PDBorderStyleDictionary();
    none.setWidth(0);
    return none;
  }

  private void executiveSummary() throws IOException {
    try (Flow flow = new Flow(ReportCharts.EXECUTIVE_SUMMARY)) {
      if (!data.warnings().isEmpty()) {
        flow.color(WARNING);
        flow.line(bold, 12, MARGIN, "Data warnings");
        for (String warning : data.warnings()) {
          flow.paragraph(regular, 11, 12, "\u26a0 " + warning);
        }
        flow.color(Color.BLACK);
        flow.gap(6);
      }
      flow.paragraph(regular, 11, 0, data.scope() + " \u00b7 run date " + data.runDate() + " \u00b7 data window "
          + data.firstMonth() + " to " + data.lastMonth() + " \u00b7 amounts in " + data.baseCurrency());
      flow.paragraph(regular, 11, 0, data.previous()
          .map(p -> "Changes against the previous nightly run (" + p.runId() + ") and against the same month a year before.")
          .orElse("No earlier nightly run in the run history: changes against a year before only."));
      flow.gap(6);
      float[] columns = {MARGIN, MARGIN + 330, MARGIN + 470, MARGIN + 610};
      flow.row(bold, 11, columns, "Figure", "Now", "vs previous run", "vs a year before");
      for (ExecutiveSummary.Line line : ExecutiveSummary.lines(data)) {
        flow.row(regular, 11, columns, line.figure().title(data.runDate()), line.valueText(data.baseCurrency()),
            line.changeText(line.vsPrevious(), data.baseCurrency()), line.yearBeforeText(data.baseCurrency()));
      }
      flow.gap(10);
      flow.line(bold, 13, MARGIN, ChangesText.heading(data));
      for (String line : ChangesText.since(data)) {
        flow.paragraph(regular, 11, 12, "\u2022 " + line);
      }
      flow.gap(10);
      flow.line(bold, 13, MARGIN, "Findings");
      for (String finding : ExecutiveSummary.findings(data)) {
        flow.paragraph(regular, 11, 12, "\u2022 " + finding);
      }
    }
  }

  private void chartPage(String section, boolean firstOfSection, ReportChart chart) throws IOException {
    try (Flow flow = new Flow(section, firstOfSection)) {
      flow.line(bold, 16, MARGIN, chart.title());
      flow.paragraph(regular, 12, 0, chart.takeaway(data));
      Optional<JFreeChart> drawn = chart.chart(data);
      if (drawn.isPresent()) {
        flow.chart(drawn.get());
      }
    }
  }

  /** The charts of a section the input cannot fill, one line each on one page, instead of empty axes. */
  private void leftOutPage(String section, boolean firstOfSection, List<ReportChart> charts) throws IOException {
    try (Flow flow = new Flow(section, firstOfSection)) {
      flow.line(bold, 13, MARGIN, "Not drawn: the input cannot fill " + (charts.size() == 1 ? "this chart" : "these charts"));
      flow.gap(4);
      for (ReportChart chart : charts) {
        flow.paragraph(regular, 11, 12, "\u2022 " + chart.title() + ": " + data.support().leftOut(chart.table()).orElseThrow() + ".");
      }
    }
  }

  private void dataQuality() throws IOException {
    try (Flow flow = new Flow(ReportCharts.DATA_QUALITY)) {
      flow.paragraph(regular, 11, 0, "Rows read from each input table, what validation accepted, and what it set aside."
          + " Each rejected row is in rejects/<table>.csv with its file, line and reason; identical duplicate rows are"
          + " dropped; future rows are dated after the run date and wait for a later run.");
      flow.gap(6);
      float[] columns = {MARGIN, MARGIN + 130, MARGIN + 200, MARGIN + 270, MARGIN + 340, MARGIN + 410, MARGIN + 470};
      flow.row(bold, 10, columns, "Table", "Read", "Accepted", "Rejected", "Duplicates", "Future", "Rejected by reason");
      for (ReportData.InputQuality t : data.inputs()) {
        List<String> reasons = new ArrayList<>();
        t.rejectedByReason().forEach((reason, n) -> reasons.add(reason + " " + count(n)));
        flow.row(regular, 10, columns, t.table(), count(t.read()), count(t.accepted()), count(t.rejected()),
            count(t.duplicatesDropped()), count(t.future()), reasons.isEmpty() ? "none" : String.join(", ", reasons));
      }
      if (!data.shapeWarnings().isEmpty()) {
        flow.gap(10);
        flow.line(bold, 12, MARGIN, "The shape of the data: valid rows that change how the numbers read");
        for (String shape : data.shapeWarnings()) {
          flow.paragraph(regular, 10, 12, "\u2022 " + shape);
        }
      }
    }
  }

  private static String count(long n) {
    return String.format(ChartTheme.LOCALE, "%,d", n);
  }

  /** The definitions page's paragraphs (report.html shows the same). */
  static List<String> definitionLines() throws IOException {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
        ReportPdf.class.getResourceAsStream(DEFINITIONS_RESOURCE), StandardCharsets.UTF_8))) {
      return lines.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }

  private void definitions() throws IOException {
    try (Flow flow = new Flow(ReportCharts.DEFINITIONS)) {
      for (String line : definitionLines()) {
        flow.paragraph(regular, 9.5f, 0, line);
        flow.gap(2);
      }
    }
  }

  /** Footers last, when the page count is known. */
  private void footers() throws IOException {
    int pages = doc.getNumberOfPages();
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream cs = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
        String left = "SalesLift \u00b7 " + data.runId();
        String right = "Page " + (i + 1) + " of " + pages;
        text(cs, regular, 9, MARGIN, 20, left);
        text(cs, regular, 9, PAGE.getWidth() - MARGIN - width(regular, 9, right), 20, right);
      }
    }
  }

  /**
   * Writes a section top to bottom, starting a new page (with the section's name as a running
   * header) when the next block does not fit above the footer.
   */
  private final class Flow implements AutoCloseable {
    private final String section;
    private PDPageContentStream cs;
    private float y;
    private Color color = Color.BLACK;

    Flow(String section) throws IOException {
      this(section, true);
    }

    /** The first page of a section carries its title; later pages its name, small. */
    Flow(String section, boolean titled) throws IOException {
      this.section = section;
      newPage(titled);
    }

    private void newPage(boolean titled) throws IOException {
      close();
      PDPage page = new PDPage(PAGE);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
      y = PAGE.getHeight() - MARGIN;
      if (titled) {
        line(bold, 22, MARGIN, section);
        gap(4);
      } else {
        cs.setNonStrokingColor(MUTED);
        line(bold, 11, MARGIN, section);
      }
      cs.setNonStrokingColor(color);
    }

    void gap(float points) {
      y -= points;
    }

    /** The colour of the text that follows, on this page and the next ones of the flow. */
    void color(Color color) throws IOException {
      this.color = color;
      cs.setNonStrokingColor(color);
    }

    void line(PDFont font, float size, float x, String text) throws IOException {
      fit(size * 1.35f);
      y -= size * 1.35f;
      text(cs, font, size, x, y, text);
    }

    /** Text wrapped to the page width; lines after the first indented by {@code hanging}. */
    void paragraph(PDFont font, float size, float hanging, String text) throws IOException {
      boolean first = true;
      for (String l : wrap(text, font, size, WIDTH - hanging)) {
        line(font, size, MARGIN + (first ? 0 : hanging), l);
        first = false;
      }
    }

    /** A table row: each cell wrapped to its column (up to the next one, the last to the margin), the row as tall as its tallest cell. */
    void row(PDFont font, float size, float[] xs, String... cells) throws IOException {
      List<List<String>> wrapped = new ArrayList<>();
      int lines = 1;
      for (int i = 0; i < cells.length; i++) {
        float right = i + 1 < xs.length ? xs[i + 1] - 6 : MARGIN + WIDTH;
        wrapped.add(wrap(cells[i], font, size, right - xs[i]));
        lines = Math.max(lines, wrapped.get(i).size());
      }
      float leading = size * 1.25f;
      fit(size * 1.6f + (lines - 1) * leading);
      y -= size * 1.6f;
      for (int i = 0; i < cells.length; i++) {
        for (int l = 0; l < wrapped.get(i).size(); l++) {
          text(cs, font, size, xs[i], y - l * leading, wrapped.get(i).get(l));
        }
      }
      y -= (lines - 1) * leading;
    }

    /** The chart takes what is left of the page above the footer. */
    void chart(JFreeChart chart) throws IOException {
      float height = y - 10 - FOOTER_SPACE;
      PDFormXObject form = vector(chart, WIDTH, height);
      cs.saveGraphicsState();
      cs.transform(Matrix.getTranslateInstance(MARGIN, FOOTER_SPACE));
      cs.drawForm(form);
      cs.restoreGraphicsState();
      y = FOOTER_SPACE;
    }

    private void fit(float height) throws IOException {
      if (y - height < FOOTER_SPACE + 6) {
        newPage(false);
      }
    }

    @Override
    public void close() throws IOException {
      if (cs != null) {
        cs.close();
        cs = null;
      }
    }
  }

  /** The chart as a PDF form XObject, its text drawn with the embedded fonts. */
  private PDFormXObject vector(JFreeChart chart, float width, float height) throws IOException {
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

  private static void text(PDPageContentStream cs, PDFont font, float size, float x, float y, String text) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(text);
    cs.endText();
  }

  private static float width(PDFont font, float size, String text) throws IOException {
    return font.getStringWidth(text) / 1000f * size;
  }

  static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && width(font, size, candidate) > width) {
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

package com.saleslift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;

/**
 * report.html: the PDF's sections, figures, findings and definitions for analysts, in one file
 * that opens offline. Charts are the same JFreeCharts drawn as SVG; every metric table is embedded
 * as JSON and shown sortable and filterable by the page's script; a click on a bar of the account
 * charts (or a row of sales_lift) lists the accounts behind it. Nothing is fetched: styles and
 * script are inline and a Content-Security-Policy forbids everything else. Built with jsoup, which
 * escapes every text and attribute; the JSON has `<`, `>` and `&` escaped so no value can end its
 * script element.
 */
public final class ReportHtml {
  /** The tables that name accounts: left out of the file with `report.html_accounts: false`. */
  static final Set<String> ACCOUNT_LISTS = Set.of("accounts_to_engage", "accounts_at_risk");
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setCharacterEscapes(new ScriptSafe());
  }

  private ReportHtml() {}

  /** Writes report.html for {@code data}; with {@code accounts} false, no account list (no name, no id) is in it. */
  public static void write(ReportData data, boolean accounts, Path file) throws IOException {
    Files.writeString(file, html(data, accounts), StandardCharsets.UTF_8);
  }

  static String html(ReportData data, boolean accounts) throws IOException {
    Document doc = Document.createShell("");
    doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
    doc.prependChild(new DocumentType("html", "", ""));
    doc.child(0).attr("lang", "en");
    Map<String, Map<String, String>> tooltips = new LinkedHashMap<>();
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta").attr("http-equiv", "Content-Security-Policy").attr("content", CSP);
    head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
    head.appendElement("title").text("SalesLift " + data.runId());
    head.appendElement("style").appendChild(new DataNode(resource("report.css")));

    Element body = doc.body();
    Element header = body.appendElement("header");
    header.appendElement("h1").text("SalesLift: where sales effort adds value");
    header.appendElement("p").addClass("scope").text(data.scope() + " \u00b7 run date " + data.runDate() + " \u00b7 data window "
        + data.firstMonth() + " to " + data.lastMonth() + " \u00b7 amounts in " + data.baseCurrency());
    Element nav = body.appendElement("nav").attr("id", "sections");
    Element filters = body.appendElement("div").attr("id", "filters");
    filters.appendElement("span").addClass("label").text("Filter every table:");
    Element main = body.appendElement("main");

    section(main, nav, ReportCharts.EXECUTIVE_SUMMARY, summary(data));
    for (ReportCharts.Section s : ReportCharts.SECTIONS) {
      Element content = new Element("div");
      for (ReportChart chart : s.charts()) {
        chart(content, chart, data, accounts, tooltips);
      }
      section(main, nav, s.title(), content);
    }
    section(main, nav, ReportCharts.DATA_QUALITY, dataQuality(data));
    section(main, nav, ReportCharts.DEFINITIONS, definitions());

    Element drill = body.appendElement("div").attr("id", "drill").attr("hidden", "");
    drill.appendElement("h3").attr("id", "drill-title");
    drill.appendElement("button").attr("type", "button").attr("id", "drill-close").text("Close");
    drill.appendElement("div").attr("id", "drill-table");
    body.appendElement("div").attr("id", "tooltip").attr("hidden", "");

    body.appendElement("script").attr("type", "application/json").attr("id", "saleslift-data")
        .appendChild(new DataNode(json(data, accounts, tooltips)));
    body.appendElement("script").appendChild(new DataNode(resource("report.js")));
    return doc.outerHtml() + "\n";
  }

  private static void section(Element main, Element nav, String title, Element content) {
    String id = id(title);
    nav.appendElement("a").attr("href", "#section=" + id).attr("data-section", id).text(title);
    Element section = main.appendElement("section").attr("id", id).addClass("section");
    section.appendElement("h2").text(title);
    section.appendChild(content);
  }

  /** "Where sales adds value" -> "where-sales-adds-value". */
  static String id(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static Element summary(ReportData data) {
    Element content = new Element("div");
    if (!data.warnings().isEmpty()) {
      Element warnings = content.appendElement("div").addClass("warnings");
      warnings.appendElement("h3").text("Data warnings");
      Element list = warnings.appendElement("ul");
      data.warnings().forEach(w -> list.appendElement("li").text(w));
    }
    content.appendElement("p").text(data.previous()
        .map(p -> "Changes against the previous nightly run (" + p.runId() + ") and against the same month a year before.")
        .orElse("No earlier nightly run in the run history: changes against a year before only."));
    Element table = content.appendElement("table").addClass("figures");
    Element head = table.appendElement("thead").appendElement("tr");
    for (String column : List.of("Figure", "Now", "vs previous run", "vs a year before")) {
      head.appendElement("th").text(column);
    }
    Element rows = table.appendElement("tbody");
    for (ExecutiveSummary.Line line : ExecutiveSummary.lines(data)) {
      Element tr = rows.appendElement("tr");
      tr.appendElement("td").text(line.figure().title(data.runDate()));
      tr.appendElement("td").text(line.valueText(data.baseCurrency()));
      tr.appendElement("td").text(line.changeText(line.vsPrevious(), data.baseCurrency()));
      tr.appendElement("td").text(line.yearBeforeText(data.baseCurrency()));
    }
    content.appendElement("h3").text(ChangesText.heading(data));
    Element since = content.appendElement("ul").addClass("since");
    ChangesText.since(data).forEach(line -> since.appendElement("li").text(line));
    content.appendElement("h3").text("Findings");
    Element findings = content.appendElement("ul").addClass("findings");
    ExecutiveSummary.findings(data).forEach(f -> findings.appendElement("li").text(f));
    return content;
  }

  /** One chart: its title, its takeaway, the chart as SVG (or why it is left out), and its table. */
  private static void chart(Element content, ReportChart chart, ReportData data, boolean accounts,
      Map<String, Map<String, String>> tooltips) {
    Element figure = content.appendElement("figure").addClass("chart").attr("data-chart", chart.fileName());
    figure.appendElement("h3").text(chart.title());
    Optional<String> leftOut = data.support().leftOut(chart.table());
    if (leftOut.isPresent()) {
      figure.appendElement("p").addClass("left-out").text(leftOut.get() + ".");
      return;
    }
    figure.appendElement("p").addClass("takeaway").text(chart.takeaway(data));
    Optional<JFreeChart> drawn = chart.chart(data);
    drawn.ifPresent(c -> {
      figure.appendElement("div").addClass("svg").appendChild(new DataNode(SvgCharts.svg(c, "chart-" + chart.fileName())));
      Map<String, String> tips = tooltips(c);
      tips.putAll(chart.tooltips(data));
      tooltips.put(chart.fileName(), tips);
    });
    if (accounts || !ACCOUNT_LISTS.contains(chart.table())) {
      figure.appendElement("div").addClass("table").attr("data-table", chart.table());
    }
  }

  /**
   * The exact value of each bar, keyed "row key|column key" as its SVG element names it: "Usage
   * halved, B2B: 12,345.67". Charts that are not bars have none yet.
   */
  private static Map<String, String> tooltips(JFreeChart chart) {
    Map<String, String> tips = new TreeMap<>();
    if (chart.getPlot() instanceof CategoryPlot plot) {
      for (int d = 0; d < plot.getDatasetCount(); d++) {
        CategoryDataset dataset = plot.getDataset(d);
        if (dataset == null) {
          continue;
        }
        for (Object row : dataset.getRowKeys()) {
          for (Object column : dataset.getColumnKeys()) {
            Number value = dataset.getValue((Comparable<?>) row, (Comparable<?>) column);
            if (value != null) {
              tips.put(row + "|" + column, column + ", " + row + ": " + String.format(ChartTheme.LOCALE, "%,.2f", value.doubleValue())
                  .replaceAll("\\.00$", ""));
            }
          }
        }
      }
    }
    return tips;
  }

  private static Element dataQuality(ReportData data) {
    Element content = new Element("div");
    content.appendElement("p").text("Rows read from each input table, what validation accepted, and what it set aside."
        + " Each rejected row is in rejects/<table>.csv with its file, line and reason.");
    Element table = content.appendElement("table").addClass("quality");
    Element head = table.appendElement("thead").appendElement("tr");
    for (String column : List.of("Table", "Read", "Accepted", "Rejected", "Duplicates", "Future", "Rejected by reason")) {
      head.appendElement("th").text(column);
    }
    Element rows = table.appendElement("tbody");
    for (ReportData.InputQuality q : data.inputs()) {
      Element tr = rows.appendElement("tr");
      tr.appendElement("td").text(q.table());
      for (long n : new long[] {q.read(), q.accepted(), q.rejected(), q.duplicatesDropped(), q.future()}) {
        tr.appendElement("td").text(String.format(ChartTheme.LOCALE, "%,d", n));
      }
      tr.appendElement("td").text(q.rejectedByReason().isEmpty() ? "none"
          : String.join(", ", q.rejectedByReason().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    }
    if (!data.shapeWarnings().isEmpty()) {
      content.appendElement("h3").text("The shape of the data: valid rows that change how the numbers read");
      Element list = content.appendElement("ul");
      data.shapeWarnings().forEach(w -> list.appendElement("li").text(w));
    }
    return content;
  }

  private static Element definitions() throws IOException {
    Element content = new Element("div").addClass("definitions");
    for (String line : ReportPdf.definitionLines()) {
      content.appendElement("p").text(line);
    }
    return content;
  }

  /**
   * The page's data: every metric table (the account lists only with {@code accounts}), the
   * drill-downs of each chart, and the names of the sections.
   */
  static String json(ReportData data, boolean accounts, Map<String, Map<String, String>> tooltips) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", data.runId());
    ObjectNode tips = root.putObject("tooltips");
    tooltips.forEach((chart, byKey) -> {
      ObjectNode of = tips.putObject(chart);
      byKey.forEach(of::put);
    });
    ObjectNode tables = root.putObject("tables");
    for (ResultTable t : data.tables().values()) {
      if (!accounts && ACCOUNT_LISTS.contains(t.name())) {
        continue;
      }
      ObjectNode table = tables.putObject(t.name());
      t.columns().forEach(table.putArray("columns")::add);
      ArrayNode rows = table.putArray("rows");
      t.rows().forEach(r -> r.forEach(rows.addArray()::add));
    }
    ObjectNode drills = root.putObject("drills");
    if (accounts) {
      for (ReportChart chart : ReportCharts.ALL) {
        ObjectNode of = drills.putObject(chart.fileName());
        new TreeMap<>(chart.drills(data)).forEach((key, drill) -> {
          ObjectNode d = of.putObject(key).put("list", drill.list()).put("signal", drill.signal());
          ObjectNode equal = d.putObject("equal");
          new TreeMap<>(drill.equal()).forEach(equal::put);
        });
      }
    }
    return JSON.writeValueAsString(root);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** JSON that can sit inside a script element: `<`, `>` and `&` as \\u003c, \\u003e, \\u0026. */
  private static final class ScriptSafe extends CharacterEscapes {
    private final int[] escapes = standardAsciiEscapesForJSON();

    ScriptSafe() {
      for (char c : new char[] {'<', '>', '&'}) {
        escapes[c] = ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
    }
  }
}

package com.saleslift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.table.ResultTable;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** report.html read back by an HTML parser: what it may load, what it names, and what it carries. */
class ReportHtmlTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nothingButTheFileItselfAndDataAddressesIsReferenced() throws Exception {
    Document doc = Jsoup.parse(ReportHtml.html(ReportFixture.data(true), true));

    assertThat(doc.select("[src]")).isEmpty();
    assertThat(doc.select("link, iframe, object, embed, img")).isEmpty();
    assertThat(doc.select("[href]")).isNotEmpty().allSatisfy(e -> assertThat(e.attr("href")).matches("(#|data:).*"));
    assertThat(doc.select("[xlink:href]")).allSatisfy(e -> assertThat(e.attr("xlink:href")).startsWith("#"));
    assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none';");
  }

  @Test
  void everySectionOfThePdfIsThere() throws Exception {
    Document doc = Jsoup.parse(ReportHtml.html(ReportFixture.data(true), true));
    assertThat(doc.select("main > section > h2").eachText()).containsExactlyElementsOf(ReportCharts.TITLES);
    assertThat(doc.select("figure[data-chart] > h3").eachText())
        .containsExactlyElementsOf(ReportCharts.ALL.stream().map(ReportChart::title).toList());
    assertThat(doc.select("ul.findings li").eachText()).containsExactlyElementsOf(ExecutiveSummary.findings(ReportFixture.data(true)));
    assertThat(doc.select("figure[data-chart=who-to-act-on-next] svg g[jfreesvg:ref]").eachAttr("jfreesvg:ref"))
        .contains("{\"rowKey\": \"Accounts worth a touch now\", \"columnKey\": \"B2B mid-size, +30.0 pts\"}");
    assertThat(doc.select("figure[data-chart=where-sales-adds-value] svg g[jfreesvg:ref]").eachAttr("jfreesvg:ref"))
        .contains("{\"rowKey\": \"CONVERTED_180D\", \"columnKey\": \"B2B mid-size\"}");
  }

  @Test
  void namesWithMarkupStayText() throws Exception {
    String html = ReportHtml.html(ReportFixture.data(true), true);
    Document doc = Jsoup.parse(html);

    // One script element of data and one of code: the name did not end the first.
    assertThat(doc.select("script")).hasSize(2);
    assertThat(doc.select("img")).isEmpty();
    assertThat(html).doesNotContain(ReportFixture.SCRIPT_NAME).contains("\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e");
    assertThat(html).contains("Acme \\u0026 Sons", "Quote \\\"Q\\\" Ltd");
    JsonNode rows = JSON.readTree(doc.getElementById("saleslift-data").data()).at("/tables/accounts_to_engage/rows");
    List<String> names = new ArrayList<>();
    rows.forEach(r -> names.add(r.get(2).asText()));
    assertThat(names).containsExactly("Delta", "Echo", ReportFixture.AMPERSAND_NAME, ReportFixture.SCRIPT_NAME, ReportFixture.QUOTE_NAME);
  }

  @Test
  void theEmbeddedTablesAreThePublishedTablesRowForRow() throws Exception {
    ReportData data = ReportFixture.data(true);
    Element script = Jsoup.parse(ReportHtml.html(data, true)).getElementById("saleslift-data");
    JsonNode tables = JSON.readTree(script.data()).get("tables");

    assertThat(tables.size()).isEqualTo(data.tables().size());
    for (ResultTable t : data.tables().values()) {
      JsonNode table = tables.get(t.name());
      List<String> columns = new ArrayList<>();
      table.get("columns").forEach(c -> columns.add(c.asText()));
      assertThat(columns).as(t.name()).isEqualTo(t.columns());
      List<List<String>> rows = new ArrayList<>();
      table.get("rows").forEach(r -> {
        List<String> cells = new ArrayList<>();
        r.forEach(c -> cells.add(c.asText()));
        rows.add(cells);
      });
      assertThat(rows).as(t.name()).isEqualTo(t.rows());
    }
  }

  @Test
  void withoutAccountsNoNameOrIdIsInTheFile() throws Exception {
    String html = ReportHtml.html(ReportFixture.data(false), false);
    for (String id : List.of("A1", "A2", "A3", "A4", "A5", "R1", "R2", "R3", "R4")) {
      assertThat(html).doesNotContain("\"" + id + "\"");
    }
    assertThat(html).doesNotContain("Delta", "Echo", "Acme", "Risky", "onerror");
    assertThat(Jsoup.parse(html).select("div.table[data-table^=accounts_]")).isEmpty();
  }

  @Test
  void identicalInputsGiveAnIdenticalFile() throws Exception {
    assertThat(ReportHtml.html(ReportFixture.data(true), true)).isEqualTo(ReportHtml.html(ReportFixture.data(true), true));
  }
}

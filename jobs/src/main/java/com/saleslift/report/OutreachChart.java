package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** Outreach style before paying against conversion within 180 days and logos kept 12 months on. */
public final class OutreachChart implements ReportChart {
  static final String CONVERTED = "Paid within 180 days";
  static final String RETAINED = "Still paying 12 months after first payment";
  static final List<String> STYLES = List.of("CONSULTATIVE", "COLD", "NONE");

  @Override
  public String table() {
    return "outreach_mix";
  }

  @Override
  public String fileName() {
    return "outreach-style-vs-conversion-and-retention";
  }

  @Override
  public String title() {
    return "Outreach style: meetings and demos vs cold calls and mailers";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("outreach_mix").map(t -> createChart(createDataset(t)));
  }

  public static CategoryDataset createDataset(ResultTable mix) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (List<String> row : mix.rows()) {
      String category = mix.text(row, "segment") + " " + label(mix.text(row, "outreach_style"));
      dataset.addValue(mix.number(row, "conversion_rate_180d").orElse(null), CONVERTED, category);
      dataset.addValue(mix.number(row, "logo_retention_12m").orElse(null), RETAINED, category);
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, null, "Share of accounts", key -> ChartTheme.nth(key.equals(CONVERTED) ? 0 : 1));
    NumberAxis range = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
    ChartTheme.percentAxis(range);
    range.setRange(0, 1.0);
    chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    chart.getCategoryPlot().setNoDataMessage("No account is 180 days old yet");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("outreach_mix");
    if (table.isEmpty()) {
      return "No account is 180 days old yet: outreach cannot be judged.";
    }
    ResultTable t = table.get();
    // B2B first: that is where leaders decide how much outreach to fund.
    java.util.Set<String> segments = Sums.by(t, r -> t.text(r, "segment"), "accounts").keySet();
    String segment = segments.contains("B2B") ? "B2B" : segments.iterator().next();
    StringBuilder line = new StringBuilder("In " + segment + ", accounts reached ");
    List<String> parts = new java.util.ArrayList<>();
    for (String style : STYLES) {
      t.rows().stream().filter(r -> t.text(r, "segment").equals(segment) && t.text(r, "outreach_style").equals(style))
          .findFirst().ifPresent(r -> parts.add(label(style) + " paid within 180 days at "
              + t.number(r, "conversion_rate_180d").map(ChartTheme::formatPercent).orElse("n/a")
              + t.number(r, "logo_retention_12m").map(v -> " and kept " + ChartTheme.formatPercent(v) + " a year on").orElse("")));
    }
    return line.append(String.join("; ", parts)).append('.').toString();
  }

  static String label(String style) {
    return switch (style) {
      case "CONSULTATIVE" -> "by meetings and demos";
      case "COLD" -> "by cold calls and mailers only";
      default -> "with no outreach";
    };
  }
}

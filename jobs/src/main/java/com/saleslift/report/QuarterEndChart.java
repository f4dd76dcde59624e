package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** New-business deals closed under quarter-end pressure vs earlier, and their churn within 180 days. */
public final class QuarterEndChart implements ReportChart {
  static final String QUARTER_END = "Closed at quarter end";
  static final String EARLIER = "Closed earlier";

  @Override
  public String table() {
    return "quarter_end_deals";
  }

  @Override
  public String fileName() {
    return "quarter-end-deals-churn-180d";
  }

  @Override
  public String title() {
    return "Quarter-end deals vs earlier deals: churn within 180 days";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("quarter_end_deals").map(t -> createChart(createDataset(t)));
  }

  public static CategoryDataset createDataset(ResultTable deals) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (List<String> row : deals.rows()) {
      dataset.addValue(deals.number(row, "churn_rate_180d").orElse(null),
          label(deals.text(row, "timing")), deals.text(row, "segment"));
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, "Segment", "Accounts without MRR 180 days after close",
        key -> ChartTheme.nth(key.equals(QUARTER_END) ? 3 : 0));
    ChartTheme.percentAxis((NumberAxis) chart.getCategoryPlot().getRangeAxis());
    chart.getCategoryPlot().setNoDataMessage("No won new-business deal is 180 days old yet");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("quarter_end_deals");
    if (table.isEmpty()) {
      return "No won new-business deal is 180 days old yet.";
    }
    ResultTable t = table.get();
    Map<String, BigDecimal> deals = Sums.by(t, r -> t.text(r, "timing"), "deals");
    Map<String, BigDecimal> churned = Sums.by(t, r -> t.text(r, "timing"), "churned_180d");
    return String.format(ChartTheme.LOCALE,
        "%s deals closed at quarter end churned within 180 days at %s, against %s for the %s deals closed earlier.",
        Sums.of(deals, "QUARTER_END").toPlainString(),
        ChartTheme.formatPercent(Sums.ratio(churned.get("QUARTER_END"), deals.get("QUARTER_END"))),
        ChartTheme.formatPercent(Sums.ratio(churned.get("EARLIER"), deals.get("EARLIER"))),
        Sums.of(deals, "EARLIER").toPlainString());
  }

  static String label(String timing) {
    return timing.equals("QUARTER_END") ? QUARTER_END : EARLIER;
  }
}

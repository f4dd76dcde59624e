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

/** Delivery dates promised to customers: kept, broken, pending or none, and the churn of those accounts. */
public final class PromisesChart implements ReportChart {
  static final List<String> STATUSES = List.of("KEPT", "BROKEN", "PENDING", "NO_PROMISE");

  @Override
  public String table() {
    return "feature_requests";
  }

  @Override
  public String fileName() {
    return "promised-dates-kept-vs-broken-and-churn";
  }

  @Override
  public String title() {
    return "Promises to customers: kept vs broken, and who left";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("feature_requests").map(t -> createChart(createDataset(t)));
  }

  /** Churn within 12 months of the accounts behind each promise status, one series per segment. */
  public static CategoryDataset createDataset(ResultTable requests) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (String status : STATUSES) {
      for (List<String> row : requests.rows()) {
        if (requests.text(row, "promise_status").equals(status)) {
          dataset.addValue(requests.number(row, "account_churn_12m_rate").orElse(null), requests.text(row, "segment"), ChartTheme.words(status));
        }
      }
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, "Promised delivery date", "Accounts churned within 12 months",
        key -> ChartTheme.nth(key.equals("B2B") ? 0 : 1));
    ChartTheme.percentAxis((NumberAxis) chart.getCategoryPlot().getRangeAxis());
    chart.getCategoryPlot().setNoDataMessage("No feature requests");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("feature_requests");
    if (table.isEmpty()) {
      return "No feature requests were given: promises to customers are not measured.";
    }
    ResultTable t = table.get();
    Map<String, BigDecimal> requests = Sums.by(t, r -> t.text(r, "promise_status"), "requests");
    BigDecimal kept = Sums.of(requests, "KEPT");
    BigDecimal broken = Sums.of(requests, "BROKEN");
    return String.format(ChartTheme.LOCALE,
        "%s of %s promised delivery dates were broken (%s kept on time); the chart shows how many of those accounts left within 12 months.",
        broken.toPlainString(), kept.add(broken).add(Sums.of(requests, "PENDING")).toPlainString(), kept.toPlainString());
  }
}

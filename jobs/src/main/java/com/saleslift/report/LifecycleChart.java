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

/** Won bookings by the lifecycle stage of the product, sales-led beside product-led. */
public final class LifecycleChart implements ReportChart {
  static final List<String> STAGES = List.of("CONCEPT", "BUILD", "RELEASE", "GROWTH", "MATURE", "SUNSET");

  @Override
  public String table() {
    return "lifecycle";
  }

  @Override
  public String fileName() {
    return "bookings-and-activation-by-lifecycle-stage";
  }

  @Override
  public String title() {
    return "Bookings and activation by product lifecycle stage";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("lifecycle").map(t -> createChart(createDataset(t), data.baseCurrency()));
  }

  public static CategoryDataset createDataset(ResultTable lifecycle) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (String stage : STAGES) {
      for (List<String> row : lifecycle.rows()) {
        if (lifecycle.text(row, "lifecycle_stage").equals(stage)) {
          String channel = ChartTheme.channelWords(lifecycle.text(row, "channel"));
          dataset.addValue(lifecycle.number(row, "won_amount").orElse(null), channel, ChartTheme.words(stage));
        }
      }
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset, String currency) {
    JFreeChart chart = ChartTheme.bars(dataset, "Lifecycle stage", "Won amount (" + currency + ")", ChartTheme::channel);
    ChartTheme.moneyAxis((NumberAxis) chart.getCategoryPlot().getRangeAxis(), currency);
    chart.getCategoryPlot().setNoDataMessage("No products in use");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("lifecycle");
    if (table.isEmpty()) {
      return "No product has subscriptions, deals or usage yet.";
    }
    ResultTable t = table.get();
    Map<String, BigDecimal> won = Sums.by(t, r -> t.text(r, "lifecycle_stage"), "won_amount");
    BigDecimal total = won.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<String> parts = STAGES.stream().filter(won::containsKey)
        .map(s -> s.toLowerCase(ChartTheme.LOCALE) + " " + ChartTheme.formatPercent(Sums.ratio(won.get(s), total))).toList();
    List<String> activation = t.rows().stream().filter(r -> t.number(r, "activation_rate").isPresent())
        .map(r -> t.text(r, "lifecycle_stage").toLowerCase(ChartTheme.LOCALE) + " "
            + ChartTheme.channelQualifier(t.text(r, "channel"))
            + ChartTheme.formatPercent(t.number(r, "activation_rate").get())).toList();
    String bookings = total.signum() == 0 ? "No won bookings in this input." : "Share of won bookings by stage: " + String.join(", ", parts) + ".";
    return activation.isEmpty() ? bookings : bookings + " Activation: " + String.join(", ", activation) + ".";
  }
}

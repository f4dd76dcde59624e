package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** Days from paying to activating the first paid product, by segment and channel. */
public final class OnboardingChart implements ReportChart {
  static final String MEDIAN = "Median days";
  static final String P75 = "75th percentile";

  @Override
  public String table() {
    return "onboarding";
  }

  @Override
  public String fileName() {
    return "days-from-purchase-to-activation-by-channel";
  }

  @Override
  public String title() {
    return "Time from purchase to activation by channel";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("onboarding").map(t -> createChart(createDataset(t)));
  }

  public static CategoryDataset createDataset(ResultTable onboarding) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (List<String> row : onboarding.rows()) {
      String category = (onboarding.text(row, "segment") + " " + channel(onboarding.text(row, "channel"))).trim();
      dataset.addValue(onboarding.number(row, "median_days_to_activate_after_paid").orElse(null), MEDIAN, category);
      dataset.addValue(onboarding.number(row, "p75_days").orElse(null), P75, category);
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, null, "Days after first payment", key -> ChartTheme.nth(key.equals(MEDIAN) ? 0 : 1));
    // Whole days, and at least a day of axis: all-zero medians otherwise get ticks of 5E-9.
    org.jfree.chart.axis.NumberAxis days = (org.jfree.chart.axis.NumberAxis) chart.getCategoryPlot().getRangeAxis();
    days.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits(ChartTheme.LOCALE));
    days.setAutoRangeMinimumSize(1.0);
    chart.getCategoryPlot().setNoDataMessage("No paying account has activated yet");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("onboarding");
    if (table.isEmpty()) {
      return "No paying account has activated its first product yet.";
    }
    ResultTable t = table.get();
    List<String> parts = t.rows().stream().map(r -> String.format(ChartTheme.LOCALE, "%s%s %s days (%s accounts)",
        t.text(r, "segment"), (" " + channel(t.text(r, "channel"))).stripTrailing(),
        t.number(r, "median_days_to_activate_after_paid").map(v -> v.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString()).orElse("n/a"),
        t.text(r, "accounts"))).toList();
    return "Median days from first payment to activation: " + String.join("; ", parts) + ".";
  }

  static String channel(String channel) {
    return ChartTheme.channelQualifier(channel).trim();
  }
}

package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** Activities of each type per won deal in the latest fiscal quarter with won deals. */
public final class ActivityChart implements ReportChart {
  static final List<String> TYPES = com.saleslift.config.Codes.ACTIVITY_TYPES;

  @Override
  public String table() {
    return "activity_effectiveness";
  }

  @Override
  public String fileName() {
    return "activities-per-won-deal-by-type";
  }

  @Override
  public String title() {
    return "Sales activities per won deal, by type";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("activity_effectiveness").map(t -> createChart(createDataset(t)));
  }

  /** The latest quarter where a deal was won, as (type, segment) -> activities per won deal. */
  public static CategoryDataset createDataset(ResultTable effectiveness) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    Optional<String> quarter = latestQuarterWithWins(effectiveness);
    for (String type : TYPES) {
      for (List<String> row : effectiveness.rows()) {
        if (quarter.isPresent() && effectiveness.text(row, "fiscal_quarter").equals(quarter.get())
            && effectiveness.text(row, "activity_type").equals(type)) {
          dataset.addValue(effectiveness.number(row, "activities_per_won_deal").orElse(null),
              effectiveness.text(row, "segment"), ChartTheme.words(type));
        }
      }
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, "Activity type", "Activities per won deal",
        key -> ChartTheme.nth(key.equals("B2B") ? 0 : 1));
    chart.getCategoryPlot().setNoDataMessage("No won deals with linked activities");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("activity_effectiveness");
    Optional<String> quarter = table.flatMap(ActivityChart::latestQuarterWithWins);
    if (quarter.isEmpty()) {
      return "No deal was won with activities linked to it.";
    }
    ResultTable t = table.get();
    List<String> parts = t.rows().stream()
        .filter(r -> t.text(r, "fiscal_quarter").equals(quarter.get()) && t.text(r, "segment").equals("B2B")
            && t.number(r, "activities_per_won_deal").map(v -> v.signum() > 0).orElse(false))
        .map(r -> t.number(r, "activities_per_won_deal").get().setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " "
            + t.text(r, "activity_type").toLowerCase(ChartTheme.LOCALE) + "s")
        .toList();
    return parts.isEmpty() ? "In " + quarter.get() + " no B2B deal was won with activities linked to it."
        : "In " + quarter.get() + " each won B2B deal took on average " + String.join(", ", parts) + ".";
  }

  static Optional<String> latestQuarterWithWins(ResultTable t) {
    TreeSet<String> quarters = new TreeSet<>();
    t.rows().stream().filter(r -> t.number(r, "won_deals").map(v -> v.signum() > 0).orElse(false))
        .forEach(r -> quarters.add(t.text(r, "fiscal_quarter")));
    return quarters.isEmpty() ? Optional.empty() : Optional.of(quarters.last());
  }
}

package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Quota attainment by hierarchy level, individual targets beside team targets, for the latest
 * target period that has ended by the run date (else the latest that has started).
 */
public final class QuotaChart implements ReportChart {
  static final List<String> LEVELS = com.saleslift.config.Codes.LEVELS;
  static final String INDIVIDUAL = "Individual targets";
  static final String TEAM = "Team targets";

  @Override
  public String table() {
    return "quota_attainment";
  }

  @Override
  public String fileName() {
    return "quota-attainment-individual-vs-team-by-level";
  }

  @Override
  public String title() {
    return "Quota attainment by level: individual vs team";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("quota_attainment")
        .map(t -> createChart(createDataset(inPeriod(t, period(t, data.runDate())))));
  }

  /** Won over target, summed per level and target type (a ratio of sums, never an average of ratios). */
  public static CategoryDataset createDataset(ResultTable quota) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    Map<String, BigDecimal> won = Sums.by(quota, r -> quota.text(r, "level") + "|" + quota.text(r, "target_type"), "won_amount");
    Map<String, BigDecimal> target = Sums.by(quota, r -> quota.text(r, "level") + "|" + quota.text(r, "target_type"), "target_amount");
    for (String level : LEVELS) {
      for (String type : List.of("INDIVIDUAL", "TEAM")) {
        String key = level + "|" + type;
        if (target.containsKey(key)) {
          dataset.addValue(Sums.ratio(won.get(key), target.get(key)), type.equals("TEAM") ? TEAM : INDIVIDUAL, ChartTheme.words(level));
        }
      }
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, "Level", "Won / target", key -> ChartTheme.nth(key.equals(TEAM) ? 1 : 0));
    CategoryPlot plot = chart.getCategoryPlot();
    ChartTheme.percentAxis((NumberAxis) plot.getRangeAxis());
    plot.setNoDataMessage("No targets in this period");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.table("quota_attainment");
    if (table.isEmpty()) {
      return "No targets table was given: quota attainment is not computed.";
    }
    Optional<LocalDate[]> period = period(table.get(), data.runDate());
    if (period.isEmpty()) {
      return "No target period has started by the run date.";
    }
    ResultTable t = inPeriod(table.get(), period);
    Map<String, BigDecimal> won = Sums.by(t, r -> t.text(r, "target_type"), "won_amount");
    Map<String, BigDecimal> target = Sums.by(t, r -> t.text(r, "target_type"), "target_amount");
    List<String> parts = new java.util.ArrayList<>();
    if (target.containsKey("TEAM")) {
      parts.add("teams reached " + ChartTheme.formatPercent(Sums.ratio(won.get("TEAM"), target.get("TEAM"))) + " of their targets");
    }
    if (target.containsKey("INDIVIDUAL")) {
      long individuals = t.rows().stream().filter(r -> t.text(r, "target_type").equals("INDIVIDUAL")).count();
      long met = t.rows().stream().filter(r -> t.text(r, "target_type").equals("INDIVIDUAL")
          && t.number(r, "attainment").map(a -> a.compareTo(BigDecimal.ONE) >= 0).orElse(false)).count();
      parts.add(String.format(ChartTheme.LOCALE, "individuals reached %s of their own (%d of %d individual targets met)",
          ChartTheme.formatPercent(Sums.ratio(won.get("INDIVIDUAL"), target.get("INDIVIDUAL"))), met, individuals));
    }
    return String.format(ChartTheme.LOCALE, "From %s to %s, %s.", period.get()[0], period.get()[1].minusDays(1),
        String.join("; ", parts));
  }

  /** [start, end) of the latest period ended by the run date, else of the latest started. */
  static Optional<LocalDate[]> period(ResultTable quota, LocalDate runDate) {
    LocalDate[] ended = null;
    LocalDate[] started = null;
    for (List<String> row : quota.rows()) {
      LocalDate start = LocalDate.parse(quota.text(row, "period_start"));
      LocalDate end = LocalDate.parse(quota.text(row, "period_end"));
      if (!end.isAfter(runDate.plusDays(1)) && (ended == null || end.isAfter(ended[1]))) {
        ended = new LocalDate[] {start, end};
      }
      if (!start.isAfter(runDate) && (started == null || start.isAfter(started[0]))) {
        started = new LocalDate[] {start, end};
      }
    }
    return Optional.ofNullable(ended != null ? ended : started);
  }

  static ResultTable inPeriod(ResultTable quota, Optional<LocalDate[]> period) {
    return quota.filter(r -> period.isPresent()
        && quota.text(r, "period_start").equals(period.get()[0].toString())
        && quota.text(r, "period_end").equals(period.get()[1].toString()));
  }
}

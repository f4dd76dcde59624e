package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** Activation rate by segment and channel, over every decided cohort of the window. */
public final class ActivationChart implements ReportChart {

  @Override
  public String table() {
    return "activation";
  }

  @Override
  public String fileName() {
    return "activation-rate-by-segment-and-channel";
  }

  @Override
  public String title() {
    return "Activation rate by segment and channel";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("activation").map(t -> createChart(createDataset(t), startedIn(t), data.settings().minGroupSize()));
  }

  /** activated / started summed over cohorts and products, per segment (category) and channel (series). */
  public static CategoryDataset createDataset(ResultTable activation) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    Map<String, BigDecimal> started = Sums.by(activation, key(activation), "started");
    Map<String, BigDecimal> activated = Sums.by(activation, key(activation), "activated");
    for (String key : started.keySet()) {
      String[] parts = key.split("\\|");
      dataset.addValue(Sums.ratio(activated.get(key), started.get(key)), label(parts[1]), parts[0]);
    }
    return dataset;
  }

  /** How many product starts each bar is a rate of, by the same keys as the dataset ({@code started}). */
  public static CategoryDataset startedIn(ResultTable activation) {
    DefaultCategoryDataset counts = new DefaultCategoryDataset();
    Sums.by(activation, key(activation), "started").forEach((key, n) -> {
      String[] parts = key.split("\\|");
      counts.addValue(n, label(parts[1]), parts[0]);
    });
    return counts;
  }

  /** A bar over fewer than {@code minGroupSize} starts is drawn grey and labelled with its n: a rate of a handful is not a finding. */
  public static JFreeChart createChart(CategoryDataset dataset, CategoryDataset started, int minGroupSize) {
    JFreeChart chart = ChartTheme.bars(dataset, "Segment", "Activated / started", ChartTheme::channel);
    CategoryPlot plot = chart.getCategoryPlot();
    ChartTheme.markSmall(plot, started, minGroupSize);
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    ChartTheme.percentAxis(range);
    range.setRange(0, 1.0);
    plot.setNoDataMessage("No decided activation cohorts in this window");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("activation");
    if (table.isEmpty()) {
      return "No product starts old enough to judge activation yet.";
    }
    ResultTable t = table.get();
    Map<String, BigDecimal> started = Sums.by(t, key(t), "started");
    Map<String, BigDecimal> activated = Sums.by(t, key(t), "activated");
    String best = null;
    String worst = null;
    BigDecimal bestRate = null;
    BigDecimal worstRate = null;
    for (String key : started.keySet()) {
      BigDecimal rate = Sums.ratio(activated.get(key), started.get(key));
      if (bestRate == null || rate.compareTo(bestRate) > 0) {
        best = key;
        bestRate = rate;
      }
      if (worstRate == null || rate.compareTo(worstRate) < 0) {
        worst = key;
        worstRate = rate;
      }
    }
    if (started.size() == 1) {
      // One group only: there is nothing to rank it against.
      return String.format(ChartTheme.LOCALE, "Activation is %s for %s, the only group with decided cohorts.",
          ChartTheme.formatPercent(bestRate), describe(best));
    }
    if (bestRate.compareTo(worstRate) == 0) {
      return String.format(ChartTheme.LOCALE, "Activation is %s in every group.", ChartTheme.formatPercent(bestRate));
    }
    return String.format(ChartTheme.LOCALE, "Activation is highest for %s (%s) and lowest for %s (%s).",
        describe(best), ChartTheme.formatPercent(bestRate), describe(worst), ChartTheme.formatPercent(worstRate));
  }

  /** "segment|channel" of a row. */
  private static Function<List<String>, String> key(ResultTable table) {
    return row -> table.text(row, "segment") + "|" + table.text(row, "channel");
  }

  private static String describe(String key) {
    String[] parts = key.split("\\|");
    return parts[0] + " " + ChartTheme.channelQualifier(parts[1]).trim();
  }

  private static String label(String channel) {
    return ChartTheme.channelWords(channel);
  }
}

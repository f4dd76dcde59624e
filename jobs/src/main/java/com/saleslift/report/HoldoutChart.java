package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.awt.BasicStroke;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Does the list work? The holdout's answer (holdout_lift): per cell, how much more the accounts
 * reps were given converted than the ones held back, a difference a hash made fair, beside the
 * like-for-like estimate sales_lift draws from history. Listing moves conversion only through
 * the touches it brings, so the page also says what the difference implies per touch, and how
 * far the experiment is from an answer where it has none yet.
 */
public final class HoldoutChart implements ReportChart {
  static final String EXPERIMENT = "Listed minus held out, randomized (95% interval)";
  static final String WAITING = "Not judged yet (too early, or arms off their share)";
  static final String HISTORY = "A touch, like-for-like from history (95% interval)";
  private static final double HISTORY_OFFSET = 0.3;

  @Override
  public String table() {
    return "holdout_lift";
  }

  @Override
  public String fileName() {
    return "does-the-list-work";
  }

  @Override
  public String title() {
    return "Does the list work? Accounts given to reps against accounts held back";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("holdout_lift").map(t -> createChart(createDataset(t, data.table("sales_lift")), labels(t)));
  }

  private static List<String> labels(ResultTable t) {
    return t.rows().stream().map(r -> SalesLiftChart.label(t.text(r, "segment") + "|" + t.text(r, "size_band"))).toList();
  }

  /**
   * Row i is the table's i-th cell: its listed-minus-held-out difference in points (judged or
   * not yet), and just below it that cell's like-for-like lift of a touch from sales_lift.
   */
  public static XYIntervalSeriesCollection createDataset(ResultTable holdout, Optional<ResultTable> salesLift) {
    XYIntervalSeries judged = new XYIntervalSeries(EXPERIMENT, false, true);
    XYIntervalSeries waiting = new XYIntervalSeries(WAITING, false, true);
    XYIntervalSeries history = new XYIntervalSeries(HISTORY, false, true);
    for (int y = 0; y < holdout.rows().size(); y++) {
      List<String> row = holdout.rows().get(y);
      Optional<BigDecimal> itt = holdout.number(row, "itt_lift");
      if (itt.isPresent()) {
        double x = itt.get().doubleValue() * 100;
        (judged(holdout, row) ? judged : waiting).add(x, holdout.number(row, "ci_low").map(v -> v.doubleValue() * 100).orElse(x),
            holdout.number(row, "ci_high").map(v -> v.doubleValue() * 100).orElse(x), y, y, y);
      }
      Optional<List<String>> touch = observational(salesLift, holdout.text(row, "segment"), holdout.text(row, "size_band"));
      if (touch.isPresent() && salesLift.get().number(touch.get(), "adjusted_lift").isPresent()) {
        ResultTable s = salesLift.get();
        double x = s.number(touch.get(), "adjusted_lift").get().doubleValue() * 100;
        history.add(x, s.number(touch.get(), "ci_low").map(v -> v.doubleValue() * 100).orElse(x),
            s.number(touch.get(), "ci_high").map(v -> v.doubleValue() * 100).orElse(x), y + HISTORY_OFFSET, y + HISTORY_OFFSET,
            y + HISTORY_OFFSET);
      }
    }
    XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
    dataset.addSeries(judged);
    dataset.addSeries(waiting);
    dataset.addSeries(history);
    return dataset;
  }

  public static JFreeChart createChart(XYIntervalSeriesCollection dataset, List<String> rowLabels) {
    SymbolAxis rows = new SymbolAxis(null, rowLabels.toArray(String[]::new));
    rows.setInverted(true);
    rows.setGridBandsVisible(false);
    rows.setRange(-0.6, Math.max(rowLabels.size(), 1) - 0.1);
    NumberAxis x = new NumberAxis("Paid within 180 days (points)");
    x.setAutoRangeIncludesZero(true);
    // Whole points: a tenth of a point is noise at any size an experiment reaches.
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(ChartTheme.LOCALE));
    if (dataset.getSeriesCount() == 0 || rowLabels.isEmpty()) {
      x.setRange(-10, 10);
    }
    XYErrorRenderer intervals = new XYErrorRenderer();
    XYPlot plot = new XYPlot(dataset, x, rows, intervals);
    plot.setOrientation(org.jfree.chart.plot.PlotOrientation.VERTICAL);
    plot.addDomainMarker(new ValueMarker(0.0, ChartTheme.NEUTRAL, new BasicStroke(1f)));
    plot.setNoDataMessage("No account has been held out yet");
    JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartTheme.apply(chart);
    // After the theme, which would otherwise hand each series its own shapes and colours.
    SalesLiftChart.styleIntervals(intervals);
    intervals.setSeriesPaint(2, ChartTheme.PRODUCT_LED);
    intervals.setSeriesShape(2, new Rectangle2D.Double(-4, -4, 8, 8));
    return chart;
  }

  /**
   * Per cell, in words: the answer, or how far the experiment is from one. A segment's
   * all-sizes row is left to the chart when the segment has one size band: it says the same.
   */
  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("holdout_lift");
    if (table.isEmpty()) {
      // Said alike whether the holdout is off or on and nothing was listed yet: the tables cannot tell which.
      return "No account has been held out yet: with experiment.holdout_share set, a random share of the accounts the list"
          + " gives for the first time is kept from reps, and this page measures whether working the list raises conversion,"
          + " without the bias of reps' choices.";
    }
    ResultTable t = table.get();
    List<String> sentences = new ArrayList<>();
    sentences.add("Conversion within 180 days, accounts given to reps minus accounts held back, over those whose 180 days have"
        + " ended (listed v held out); a touch's effect is that difference over the gap in the shares reps touched.");
    for (List<String> row : t.rows()) {
      if (!restatesItsOnlyBand(t, row)) {
        sentences.add(sentence(t, row, data));
      }
    }
    if (cells(t, "SAMPLE_RATIO_MISMATCH").isEmpty()) {
      sentences.add("In every cell the arms' sizes are what the holdout's share gives.");
    }
    long judged = t.rows().stream().filter(r -> judged(t, r)).count();
    if (judged > 1) {
      sentences.add(SalesLiftChart.byChance(judged));
    }
    return String.join(" ", sentences);
  }

  private static boolean restatesItsOnlyBand(ResultTable t, List<String> row) {
    String segment = t.text(row, "segment");
    return t.text(row, "size_band").equals("ALL")
        && t.rows().stream().filter(r -> t.text(r, "segment").equals(segment) && !t.text(r, "size_band").equals("ALL")).count() == 1;
  }

  /**
   * The executive summary's finding, once the experiment says something: the arms are off
   * their share somewhere (the assignment is broken), or a cell's interval excludes zero.
   */
  static Optional<String> finding(ReportData data) {
    Optional<ResultTable> table = data.rows("holdout_lift");
    if (table.isEmpty()) {
      return Optional.empty();
    }
    ResultTable t = table.get();
    List<String> broken = cells(t, "SAMPLE_RATIO_MISMATCH");
    if (!broken.isEmpty()) {
      return Optional.of("The holdout's arms are not the sizes its share gives in " + String.join(", ", broken)
          + " (sample-ratio p < 0.001): check how accounts are assigned before trusting the experiment.");
    }
    return t.rows().stream().filter(r -> judged(t, r) && !t.text(r, "verdict").equals("NO_CLEAR_EFFECT")).findFirst()
        .map(r -> "The holdout " + (t.text(r, "verdict").equals("ADDS_VALUE") ? "proves" : "refutes") + " the list in "
            + cell(t, r) + ": accounts given to reps converted " + SalesLiftChart.points(t.number(r, "itt_lift"))
            + " points " + (t.number(r, "itt_lift").orElse(BigDecimal.ZERO).signum() >= 0 ? "more" : "less")
            + " than held-out ones (" + SalesLiftChart.interval(t, r) + ").");
  }

  private static String sentence(ResultTable t, List<String> row, ReportData data) {
    String cell = cell(t, row);
    String capital = Character.toUpperCase(cell.charAt(0)) + cell.substring(1);
    String sizes = " (" + t.text(row, "listed_decided") + " v " + t.text(row, "holdout_decided") + ")";
    String difference = SalesLiftChart.signedPoints(t.number(row, "itt_lift")) + " points (" + SalesLiftChart.interval(t, row) + ")";
    return switch (t.text(row, "verdict")) {
      case "SAMPLE_RATIO_MISMATCH" -> capital + ": " + t.text(row, "listed_accounts") + " listed and "
          + t.text(row, "holdout_accounts") + " held-out accounts are not the split the share gives (p < 0.001); no result is"
          + " read from it.";
      case "TOO_EARLY" -> capital + ": too early to tell: " + t.text(row, "holdout_decided") + " of the "
          + t.text(row, "holdout_accounts") + " held-out accounts and " + t.text(row, "listed_decided") + " of the "
          + t.text(row, "listed_accounts") + " listed ones have had 180 days; " + data.settings().minGroupSize()
          + " a side are needed.";
      case "NO_CLEAR_EFFECT" -> capital + sizes + ": no clear difference yet, " + difference + "; only about "
          + SalesLiftChart.points(t.number(row, "mde")) + " points or more would show at these sizes.";
      default -> capital + sizes + ": " + difference + perTouch(t, row);
    };
  }

  /** "; reps touched 61.3% of listed and 6.0% of held out: about +14.1 points a touch, +20.7 from history." */
  private static String perTouch(ResultTable t, List<String> row) {
    Optional<BigDecimal> listed = t.number(row, "listed_touched_share");
    Optional<BigDecimal> held = t.number(row, "holdout_touched_share");
    BigDecimal itt = t.number(row, "itt_lift").orElseThrow();
    if (listed.isEmpty() || held.isEmpty()) {
      return ".";
    }
    BigDecimal gap = listed.get().subtract(held.get());
    String touched = "; reps touched " + ChartTheme.formatPercent(listed.get()) + " of listed and "
        + ChartTheme.formatPercent(held.get()) + " of held out";
    if (gap.compareTo(new BigDecimal("0.05")) < 0) {
      return touched + ": the list barely changed whom they touched, so it cannot tell what a touch is worth.";
    }
    String history = t.number(row, "observational_lift").map(o -> ", " + SalesLiftChart.signedPoints(Optional.of(o)) + " from history")
        .orElse("");
    return touched + ": about " + SalesLiftChart.signedPoints(Optional.of(itt.divide(gap, 4, RoundingMode.HALF_UP)))
        + " points a touch" + history + ".";
  }

  private static boolean judged(ResultTable t, List<String> row) {
    String verdict = t.text(row, "verdict");
    return !verdict.equals("TOO_EARLY") && !verdict.equals("SAMPLE_RATIO_MISMATCH");
  }

  private static List<String> cells(ResultTable t, String verdict) {
    return t.rows().stream().filter(r -> t.text(r, "verdict").equals(verdict)).map(r -> cell(t, r)).toList();
  }

  private static String cell(ResultTable t, List<String> row) {
    return SalesLiftChart.label(t.text(row, "segment") + "|" + t.text(row, "size_band"));
  }

  private static Optional<List<String>> observational(Optional<ResultTable> salesLift, String segment, String band) {
    return salesLift.flatMap(s -> s.rows().stream().filter(r -> s.text(r, "segment").equals(segment)
        && s.text(r, "size_band").equals(band) && s.text(r, "outcome").equals("CONVERTED_180D")).findFirst());
  }
}

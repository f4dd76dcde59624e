package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Where sales adds value: a forest plot of sales_lift, one panel per outcome, one row per segment
 * and size band. Each row shows the adjusted lift with its 95% interval and, beside it, the naive
 * touched-minus-untouched difference that reps' choice of accounts inflates.
 */
public final class SalesLiftChart implements ReportChart {
  static final String ADJUSTED = "Lift of a sales touch, like-for-like (95% interval)";
  static final String TOO_FEW = "Too few accounts to judge";
  static final String NAIVE = "Touched minus untouched, as reps chose them";
  /** The outcomes in panel order, with what their axis says; rates are shown in percentage points. */
  static final Map<String, String> OUTCOMES = outcomes();
  private static final String CONVERSION = "CONVERTED_180D";
  /** The size band of a segment's row over all its sizes, as the table writes it. */
  private static final String ALL_SIZES = "ALL";
  private static final double NAIVE_OFFSET = 0.3;

  private static Map<String, String> outcomes() {
    Map<String, String> axes = new LinkedHashMap<>();
    axes.put(CONVERSION, "Paid within 180 days (points)");
    axes.put("MRR_12M", "MRR in month 12");
    axes.put("EXPANDED_12M", "Expanded in 12 months (points)");
    return axes;
  }

  @Override
  public String table() {
    return "sales_lift";
  }

  @Override
  public String fileName() {
    return "where-sales-adds-value";
  }

  @Override
  public String title() {
    return "Where sales adds value: lift of a sales touch by segment and size";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("sales_lift").map(t -> {
      List<String> cells = cells(t);
      Map<String, Panel> panels = new LinkedHashMap<>();
      for (String outcome : OUTCOMES.keySet()) {
        panels.put(outcome, createDataset(t, outcome, cells));
      }
      return createChart(panels, cells.stream().map(SalesLiftChart::label).toList(), data.baseCurrency());
    });
  }

  /** "segment|size_band" of every row, in table order (ALL before the bands of its segment). */
  static List<String> cells(ResultTable lift) {
    List<String> cells = new ArrayList<>();
    for (List<String> row : lift.rows()) {
      String cell = lift.text(row, "segment") + "|" + lift.text(row, "size_band");
      if (!cells.contains(cell)) {
        cells.add(cell);
      }
    }
    return cells;
  }

  /** One panel's data: the intervals (judged cells, cells with too few accounts) and the naive differences. */
  public record Panel(XYIntervalSeriesCollection intervals, XYSeriesCollection naive) {}

  /** One outcome: y is the row of the cell, x the lift (rates in points), the naive estimate just below it. */
  public static Panel createDataset(ResultTable lift, String outcome, List<String> cells) {
    // Kept in row order (not sorted by x), so item i of a series is the i-th cell it shows.
    XYIntervalSeries adjusted = new XYIntervalSeries(ADJUSTED, false, true);
    XYIntervalSeries tooFew = new XYIntervalSeries(TOO_FEW, false, true);
    XYSeries naive = new XYSeries(NAIVE, false, true);
    double scale = outcome.equals("MRR_12M") ? 1 : 100;
    for (List<String> row : lift.rows()) {
      if (!lift.text(row, "outcome").equals(outcome)) {
        continue;
      }
      int y = cells.indexOf(lift.text(row, "segment") + "|" + lift.text(row, "size_band"));
      Optional<BigDecimal> estimate = lift.number(row, "adjusted_lift");
      if (estimate.isPresent()) {
        double x = estimate.get().doubleValue() * scale;
        double low = lift.number(row, "ci_low").map(v -> v.doubleValue() * scale).orElse(x);
        double high = lift.number(row, "ci_high").map(v -> v.doubleValue() * scale).orElse(x);
        (lift.text(row, "verdict").equals("INSUFFICIENT_DATA") ? tooFew : adjusted).add(x, low, high, y, y, y);
      }
      lift.number(row, "naive_lift").ifPresent(n -> naive.add(n.doubleValue() * scale, y + NAIVE_OFFSET));
    }
    XYIntervalSeriesCollection intervals = new XYIntervalSeriesCollection();
    intervals.addSeries(adjusted);
    intervals.addSeries(tooFew);
    return new Panel(intervals, new XYSeriesCollection(naive));
  }

  public static JFreeChart createChart(Map<String, Panel> panels, List<String> rowLabels, String currency) {
    SymbolAxis rows = new SymbolAxis(null, rowLabels.toArray(String[]::new));
    rows.setInverted(true);
    rows.setGridBandsVisible(false);
    rows.setRange(-0.6, Math.max(rowLabels.size(), 1) - 0.1);
    CombinedRangeXYPlot plot = new CombinedRangeXYPlot(rows);
    plot.setGap(16);
    for (Map.Entry<String, Panel> panel : panels.entrySet()) {
      boolean money = panel.getKey().equals("MRR_12M");
      NumberAxis x = new NumberAxis(OUTCOMES.get(panel.getKey()) + (money ? " (" + currency + ")" : ""));
      x.setAutoRangeIncludesZero(true);
      // The axis label names the currency: bare tick numbers leave room for more ticks.
      x.setNumberFormatOverride(new DecimalFormat(money ? "#,##0" : "0.#", DecimalFormatSymbols.getInstance(ChartTheme.LOCALE)));
      XYPlot sub = new XYPlot(panel.getValue().intervals(), x, null, new KeyedIntervals(panel.getKey(), rowLabels));
      sub.setDataset(1, panel.getValue().naive());
      sub.setRenderer(1, new XYLineAndShapeRenderer(false, true));
      sub.addDomainMarker(new ValueMarker(0.0, ChartTheme.NEUTRAL, new BasicStroke(1f)));
      sub.setOutlineVisible(false);
      plot.add(sub, 1);
    }
    JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartTheme.apply(chart);
    LegendItemCollection legend = new LegendItemCollection();
    for (Object each : plot.getSubplots()) {
      XYPlot sub = (XYPlot) each;
      style((XYErrorRenderer) sub.getRenderer(0), (XYLineAndShapeRenderer) sub.getRenderer(1));
      if (legend.getItemCount() == 0) {
        legend.addAll(sub.getRenderer(0).getLegendItems());
        legend.addAll(sub.getRenderer(1).getLegendItems());
      }
    }
    // Every panel has the same three series: name them once.
    plot.setFixedLegendItems(legend);
    return chart;
  }

  /**
   * The intervals, each drawn inside an element named by its outcome and row
   * (`{"rowKey": "CONVERTED_180D", "columnKey": "B2B mid-size"}`), as JFreeChart names a bar: an
   * SVG of the chart (report.html) then knows which row a click is on.
   */
  private static final class KeyedIntervals extends XYErrorRenderer {
    private final String outcome;
    private final List<String> rowLabels;

    KeyedIntervals(String outcome, List<String> rowLabels) {
      this.outcome = outcome;
      this.rowLabels = List.copyOf(rowLabels);
    }

    @Override
    public void drawItem(java.awt.Graphics2D g2, org.jfree.chart.renderer.xy.XYItemRendererState state, Rectangle2D dataArea,
        org.jfree.chart.plot.PlotRenderingInfo info, XYPlot plot, org.jfree.chart.axis.ValueAxis domainAxis,
        org.jfree.chart.axis.ValueAxis rangeAxis, org.jfree.data.xy.XYDataset dataset, int series, int item,
        org.jfree.chart.plot.CrosshairState crosshairState, int pass) {
      int row = (int) Math.round(dataset.getYValue(series, item));
      String label = row >= 0 && row < rowLabels.size() ? rowLabels.get(row) : "";
      beginElementGroup(g2, () -> "{\"rowKey\": \"" + outcome + "\", \"columnKey\": \"" + jsonText(label) + "\"}");
      super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState, pass);
      endElementGroup(g2);
    }

    private static String jsonText(String text) {
      return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
  }

  /** Each interval's estimate, interval and sizes: "B2B mid-size, paid within 180 days: +30.6 (17.7 to 41.8); 40 touched, 60 untouched". */
  @Override
  public Map<String, String> tooltips(ReportData data) {
    Map<String, String> tips = new LinkedHashMap<>();
    data.rows("sales_lift").ifPresent(t -> t.rows().forEach(row -> {
      String outcome = t.text(row, "outcome");
      String label = label(t.text(row, "segment") + "|" + t.text(row, "size_band"));
      boolean money = outcome.equals("MRR_12M");
      java.util.function.Function<Optional<BigDecimal>, String> value = v -> money
          ? v.map(x -> ChartTheme.formatMoney(x, data.baseCurrency())).orElse(ChartTheme.NOT_AVAILABLE) : points(v);
      tips.put(outcome + "|" + label, label + ", " + OUTCOMES.getOrDefault(outcome, outcome) + ": " + value.apply(t.number(row, "adjusted_lift"))
          + " (" + value.apply(t.number(row, "ci_low")) + " to " + value.apply(t.number(row, "ci_high")) + "); "
          + t.text(row, "treated_n") + " touched, " + t.text(row, "control_n") + " untouched");
    }));
    return tips;
  }

  /** A row of the chart shows the accounts to engage of its cell (all sizes: of its segment). */
  @Override
  public Map<String, Drill> drills(ReportData data) {
    Map<String, Drill> drills = new LinkedHashMap<>();
    data.rows("sales_lift").ifPresent(t -> cells(t).forEach(cell -> {
      String[] parts = cell.split("\\|", 2);
      drills.put(label(cell), new Drill("accounts_to_engage", parts[1].equals(ALL_SIZES) ? Map.of("segment", parts[0])
          : Map.of("segment", parts[0], "size_band", parts[1]), null));
    }));
    return drills;
  }

  /** Set after the theme, which would otherwise hand each panel its own shapes and colours. */
  private static void style(XYErrorRenderer intervals, XYLineAndShapeRenderer naive) {
    styleIntervals(intervals);
    naive.setSeriesPaint(0, ChartTheme.PRODUCT_LED);
    naive.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
    naive.setSeriesShapesFilled(0, false);
  }

  /**
   * Horizontal 95% intervals with a dot at the estimate: series 0 (judged) in the sales colour,
   * series 1 (not judged) grey. The holdout's page draws its intervals the same way.
   */
  static void styleIntervals(XYErrorRenderer intervals) {
    Shape dot = new Ellipse2D.Double(-5, -5, 10, 10);
    intervals.setDrawXError(true);
    intervals.setDrawYError(false);
    intervals.setCapLength(8);
    intervals.setErrorStroke(new BasicStroke(2f));
    intervals.setSeriesPaint(0, ChartTheme.SALES_LED);
    intervals.setSeriesPaint(1, Color.LIGHT_GRAY);
    intervals.setSeriesShape(0, dot);
    intervals.setSeriesShape(1, dot);
  }

  /**
   * The verdict on 180-day conversion, in words, per segment and size band: where a touch adds
   * (or costs) conversion and what it costs in sales hours, where the data cannot tell, and
   * where there are too few accounts to judge.
   */
  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("sales_lift");
    if (table.isEmpty()) {
      return "No account has been followed for 180 days yet: the lift of sales touches cannot be estimated.";
    }
    ResultTable t = table.get();
    List<String> sentences = new ArrayList<>();
    List<String> tooFew = new ArrayList<>();
    for (List<String> row : conversionRows(t)) {
      switch (t.text(row, "verdict")) {
        case "ADDS_VALUE", "SUBTRACTS_VALUE" -> sentences.add(verdictSentence(t, row));
        case "NO_CLEAR_EFFECT" -> { }
        default -> tooFew.add(t.text(row, "segment") + " " + size(t.text(row, "size_band")) + " (" + t.text(row, "treated_n")
            + " touched, " + t.text(row, "control_n") + " untouched)");
      }
    }
    noClearEffect(data).ifPresent(sentences::add);
    otherOutcomes(t, data.baseCurrency()).ifPresent(sentences::add);
    if (!tooFew.isEmpty()) {
      sentences.add("Too few accounts to judge " + String.join(", ", tooFew) + ".");
    }
    long intervals = t.rows().stream().filter(r -> t.number(r, "ci_low").isPresent()
        && !t.text(r, "verdict").equals("INSUFFICIENT_DATA")).count();
    sentences.add(byChance(intervals));
    return String.join(" ", sentences);
  }

  /** What many 95% intervals side by side mean: the lift's page and the holdout's page say it alike. */
  static String byChance(long intervals) {
    return String.format(ChartTheme.LOCALE, "The chart shows %d intervals of 95%%: about one in twenty may exclude zero"
        + " by chance alone, so a single clear cell among many is a lead to follow up, not a proof.", intervals);
  }

  /** The clear verdicts on the other outcomes (MRR in month 12, expansion), for the section page. */
  private static Optional<String> otherOutcomes(ResultTable t, String currency) {
    List<String> others = t.rows().stream().filter(r -> clear(t, r) && !t.text(r, "outcome").equals(CONVERSION))
        .map(r -> otherOutcomeSentence(t, r, currency)).toList();
    return others.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", others));
  }

  private static String otherOutcomeSentence(ResultTable t, List<String> row, String currency) {
    boolean money = t.text(row, "outcome").equals("MRR_12M");
    String what = money ? "MRR in month 12" : "the chance to expand within 12 months";
    java.util.function.Function<Optional<BigDecimal>, String> value = v -> money
        ? v.map(x -> ChartTheme.formatMoney(x, currency)).orElse(ChartTheme.NOT_AVAILABLE) : points(v) + " points";
    return "In " + t.text(row, "segment") + " " + size(t.text(row, "size_band")) + ", a sales touch "
        + (t.text(row, "verdict").equals("ADDS_VALUE") ? "raises " : "lowers ") + what + " by "
        + value.apply(t.number(row, "adjusted_lift").map(BigDecimal::abs)) + " (" + value.apply(t.number(row, "ci_low")) + " to "
        + value.apply(t.number(row, "ci_high")) + ").";
  }

  /**
   * The executive summary's findings on where sales adds value: one line per segment on 180-day
   * conversion, the segment with the largest clear effect first ("B2B: a sales touch raises
   * 180-day conversion by 19.2 points (10.4 to 24.8); most in enterprise, +42.3."). The other
   * outcomes and every cell are on the section's page.
   */
  static List<String> segmentFindings(ReportData data) {
    Optional<ResultTable> table = data.rows("sales_lift");
    if (table.isEmpty()) {
      return List.of("No account has been followed for 180 days yet: where sales adds value cannot be estimated.");
    }
    ResultTable t = table.get();
    Map<String, List<List<String>>> bySegment = new LinkedHashMap<>();
    conversionRows(t).forEach(r -> bySegment.computeIfAbsent(t.text(r, "segment"), s -> new ArrayList<>()).add(r));
    java.util.function.Function<List<List<String>>, BigDecimal> strongest = rows -> rows.stream().filter(r -> clear(t, r))
        .map(r -> t.number(r, "adjusted_lift").orElse(BigDecimal.ZERO).abs()).max(BigDecimal::compareTo).orElse(BigDecimal.valueOf(-1));
    return bySegment.entrySet().stream()
        .sorted(java.util.Comparator.comparing((Map.Entry<String, List<List<String>>> e) -> strongest.apply(e.getValue())).reversed())
        .map(e -> segmentLine(t, e.getKey(), e.getValue())).toList();
  }

  private static String segmentLine(ResultTable t, String segment, List<List<String>> rows) {
    Optional<List<String>> all = rows.stream().filter(r -> t.text(r, "size_band").equals(ALL_SIZES)).findFirst();
    List<List<String>> clearBands = rows.stream().filter(r -> !t.text(r, "size_band").equals(ALL_SIZES) && clear(t, r))
        .sorted(java.util.Comparator.comparing((List<String> r) -> t.number(r, "adjusted_lift").orElse(BigDecimal.ZERO).abs()).reversed())
        .toList();
    if (all.isPresent() && clear(t, all.get())) {
      String most = clearBands.isEmpty() ? "" : "; most in " + size(t.text(clearBands.get(0), "size_band")) + ", "
          + signedPoints(t.number(clearBands.get(0), "adjusted_lift"));
      return segment + ": a sales touch " + effect(t, all.get()) + " (" + interval(t, all.get()) + ")" + most + ".";
    }
    if (!clearBands.isEmpty()) {
      List<String> top = clearBands.get(0);
      return segment + ": a sales touch " + effect(t, top) + " in " + size(t.text(top, "size_band")) + " (" + interval(t, top) + ")"
          + all.map(a -> "; over all sizes no clear effect (" + interval(t, a) + ")").orElse("") + ".";
    }
    if (all.isPresent() && t.text(all.get(), "verdict").equals("NO_CLEAR_EFFECT")) {
      return segment + ": no clear effect of a sales touch on 180-day conversion (" + interval(t, all.get()) + " points).";
    }
    if (rows.stream().anyMatch(r -> t.text(r, "verdict").equals("NO_CLEAR_EFFECT"))) {
      return segment + ": no clear effect of a sales touch on 180-day conversion in any size band.";
    }
    return segment + ": too few touched or untouched accounts to judge a sales touch yet.";
  }

  /** "raises 180-day conversion by 19.2 points". */
  private static String effect(ResultTable t, List<String> row) {
    return (t.text(row, "verdict").equals("ADDS_VALUE") ? "raises" : "lowers") + " 180-day conversion by "
        + points(t.number(row, "adjusted_lift").map(BigDecimal::abs)) + " points";
  }

  /** "+42.3", "-5". */
  static String signedPoints(Optional<BigDecimal> lift) {
    return lift.map(l -> (l.signum() > 0 ? "+" : "") + points(Optional.of(l))).orElse(ChartTheme.NOT_AVAILABLE);
  }

  private static boolean clear(ResultTable t, List<String> row) {
    return t.text(row, "verdict").equals("ADDS_VALUE") || t.text(row, "verdict").equals("SUBTRACTS_VALUE");
  }

  /** Where a touch makes no clear difference, per segment: where the product sells itself. */
  static Optional<String> noClearEffect(ReportData data) {
    Map<String, List<String>> unclear = new LinkedHashMap<>();
    data.rows("sales_lift").ifPresent(t -> conversionRows(t).stream()
        .filter(r -> t.text(r, "verdict").equals("NO_CLEAR_EFFECT"))
        .forEach(r -> unclear.computeIfAbsent(t.text(r, "segment"), s -> new ArrayList<>())
            .add(size(t.text(r, "size_band")) + " (" + interval(t, r) + ")")));
    List<String> sentences = new ArrayList<>();
    unclear.forEach((segment, cells) -> sentences.add("In " + segment + ", no clear effect on 180-day conversion: "
        + String.join(", ", cells) + " points."));
    return sentences.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", sentences));
  }

  private static List<List<String>> conversionRows(ResultTable t) {
    return t.rows().stream().filter(r -> t.text(r, "outcome").equals(CONVERSION)).toList();
  }

  private static String verdictSentence(ResultTable t, List<String> row) {
    return "In " + t.text(row, "segment") + " " + size(t.text(row, "size_band")) + ", a sales touch "
        + (t.text(row, "verdict").equals("ADDS_VALUE") ? "raises" : "lowers") + " 180-day conversion by "
        + points(t.number(row, "adjusted_lift").map(BigDecimal::abs)) + " points (" + interval(t, row) + ") for "
        + hours(t.number(row, "sales_hours_per_treated")) + " sales hours per touched account; touched minus untouched"
        + " would have claimed " + points(t.number(row, "naive_lift")) + ".";
  }

  /** "10.4 to 24.8": a row's interval in points (its ci_low and ci_high). */
  static String interval(ResultTable t, List<String> row) {
    return points(t.number(row, "ci_low")) + " to " + points(t.number(row, "ci_high"));
  }

  static String label(String cell) {
    String[] parts = cell.split("\\|", 2);
    return parts[0] + " " + size(parts[1]);
  }

  /** The default bands in words; a band of the company's own naming as it is. */
  static String size(String band) {
    return switch (band) {
      case "ALL" -> "all sizes";
      case "ENT" -> "enterprise";
      case "MID" -> "mid-size";
      case "SMB" -> "small";
      case "UNKNOWN" -> "unknown size";
      default -> band;
    };
  }

  /** A rate as percentage points with at most one decimal, half-up: 0.1875 -> "18.8". */
  static String points(Optional<BigDecimal> lift) {
    return lift.map(l -> oneDecimal(l.movePointRight(2))).orElse(ChartTheme.NOT_AVAILABLE);
  }

  private static String hours(Optional<BigDecimal> hours) {
    return hours.map(SalesLiftChart::oneDecimal).orElse(ChartTheme.NOT_AVAILABLE);
  }

  private static String oneDecimal(BigDecimal value) {
    return value.setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}

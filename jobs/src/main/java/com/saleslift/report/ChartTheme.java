package com.saleslift.report;

import java.awt.Color;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;

/**
 * One look for every chart: DejaVu Sans, white background, light grid, and the same two colours
 * for sales-led and product-led everywhere. Numbers are formatted in English whatever the JVM
 * locale, money in the base currency.
 */
public final class ChartTheme {
  /** Report language: numbers are written the English way on every machine. */
  public static final Locale LOCALE = Locale.ENGLISH;
  public static final Color SALES_LED = new Color(0x1F, 0x5A, 0xA6);
  public static final Color SALES_LED_LIGHT = new Color(0x8F, 0xB4, 0xE3);
  public static final Color PRODUCT_LED = new Color(0xE0, 0x7B, 0x1A);
  public static final Color PRODUCT_LED_LIGHT = new Color(0xF3, 0xC0, 0x8C);
  /** Accounts whose channel the input cannot tell (no CRM rows): neither channel's colour. */
  public static final Color UNKNOWN_CHANNEL = new Color(0x80, 0x80, 0x80);
  public static final Color NEUTRAL = new Color(0x55, 0x55, 0x55);
  public static final Color SECOND = new Color(0x2A, 0x9D, 0x5C);
  /** A bar over too few accounts to read as a finding. */
  public static final Color SMALL_N = new Color(0xC8, 0xC8, 0xC8);
  static final String NOT_AVAILABLE = "n/a";
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

  private ChartTheme() {}

  public static void apply(JFreeChart chart) {
    StandardChartTheme theme = new StandardChartTheme("SalesLift");
    theme.setExtraLargeFont(ReportFonts.bold(16f));
    theme.setLargeFont(ReportFonts.bold(12f));
    theme.setRegularFont(ReportFonts.regular(10f));
    theme.setSmallFont(ReportFonts.regular(9f));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setDomainGridlinePaint(GRID);
    theme.setRangeGridlinePaint(GRID);
    theme.setAxisLabelPaint(NEUTRAL);
    theme.setTickLabelPaint(NEUTRAL);
    theme.setLegendBackgroundPaint(Color.WHITE);
    theme.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    theme.setShadowVisible(false);
    theme.apply(chart);
    Plot plot = chart.getPlot();
    if (plot instanceof CategoryPlot category) {
      category.setOutlineVisible(false);
    }
  }

  /**
   * Bars of a bar chart whose base ({@code counts}, by the same row and column keys) is under
   * {@code minGroupSize}: drawn light grey and labelled "n = 12", so a rate over a handful of
   * accounts is seen as one.
   */
  public static void markSmall(CategoryPlot plot, org.jfree.data.category.CategoryDataset counts, int minGroupSize) {
    org.jfree.data.category.CategoryDataset values = plot.getDataset();
    java.util.function.BiFunction<Integer, Integer, Number> count = (row, column) -> {
      Comparable<?> r = values.getRowKey(row);
      Comparable<?> c = values.getColumnKey(column);
      return counts.getRowIndex(r) < 0 || counts.getColumnIndex(c) < 0 ? null : counts.getValue(r, c);
    };
    java.util.function.BiPredicate<Integer, Integer> small = (row, column) -> {
      Number n = count.apply(row, column);
      return n != null && n.longValue() < minGroupSize;
    };
    org.jfree.chart.renderer.category.BarRenderer renderer = new org.jfree.chart.renderer.category.BarRenderer() {
      @Override
      public Paint getItemPaint(int row, int column) {
        return small.test(row, column) ? SMALL_N : super.getItemPaint(row, column);
      }
    };
    org.jfree.chart.renderer.category.BarRenderer before = (org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer();
    for (int i = 0; i < values.getRowCount(); i++) {
      renderer.setSeriesPaint(i, before.getSeriesPaint(i));
    }
    renderer.setBarPainter(before.getBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
      @Override
      public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
        return small.test(row, column) ? "n = " + count.apply(row, column).longValue() : null;
      }
    });
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(ReportFonts.regular(9f));
    renderer.setDefaultItemLabelPaint(NEUTRAL);
    plot.setRenderer(renderer);
  }

  /** A vertical bar chart in the theme, each series in the colour {@code colours} gives its key. */
  public static JFreeChart bars(org.jfree.data.category.CategoryDataset dataset, String categoryLabel, String valueLabel,
      java.util.function.Function<Comparable<?>, Color> colours) {
    JFreeChart chart = org.jfree.chart.ChartFactory.createBarChart(null, categoryLabel, valueLabel, dataset,
        org.jfree.chart.plot.PlotOrientation.VERTICAL, true, false, false);
    apply(chart);
    org.jfree.chart.renderer.category.BarRenderer renderer =
        (org.jfree.chart.renderer.category.BarRenderer) chart.getCategoryPlot().getRenderer();
    for (int i = 0; i < dataset.getRowCount(); i++) {
      renderer.setSeriesPaint(i, colours.apply(dataset.getRowKey(i)));
    }
    return chart;
  }

  /** Codes whose words are not just the code in lower case. */
  private static final java.util.Map<String, String> WORDS = java.util.Map.of(
      "NO_PROMISE", "No date promised", "EXEC", "Executive",
      "MAILER", "Mailer", "KEPT", "Promise kept", "BROKEN", "Promise broken", "PENDING", "Promised, not due yet");

  /** A code of the tables as a reader reads it on an axis or a legend: DIRECTOR -> "Director", NO_PROMISE -> "No date promised". */
  public static String words(String code) {
    String known = WORDS.get(code);
    if (known != null) {
      return known;
    }
    String lower = code.replace('_', ' ').toLowerCase(LOCALE);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** How a month axis labels the run date's month when the run date is not its last day. */
  public static final String TO_DATE = " (to date)";

  /**
   * A month's label on a chart axis: "2026-11 (to date)" for the run date's month when the run
   * date is not its last day, so a half month is never read as a bad one.
   */
  public static String monthLabel(String month, LocalDate runDate) {
    boolean unfinished = month.equals(YearMonth.from(runDate).toString()) && !runDate.equals(YearMonth.from(runDate).atEndOfMonth());
    return unfinished ? month + TO_DATE : month;
  }

  /** The paint of an item in a month-to-date column: the same colour, faded, so the month stands apart. */
  public static Paint forColumn(Paint paint, Comparable<?> columnKey) {
    if (paint instanceof Color c && columnKey.toString().endsWith(TO_DATE)) {
      return new Color(c.getRed(), c.getGreen(), c.getBlue(), 0x66);
    }
    return paint;
  }

  /** Colours of a channel series: sales-led and product-led always the same two; an unknown channel grey. */
  public static Color channel(Comparable<?> key) {
    String k = key.toString().toLowerCase(LOCALE);
    return k.startsWith("sales") ? SALES_LED : k.startsWith("product") ? PRODUCT_LED : UNKNOWN_CHANNEL;
  }

  /** How a channel code reads in a legend: "Sales-led", "Product-led", or (no CRM data) "All accounts". */
  public static String channelWords(String code) {
    return switch (code) {
      case "SALES_LED" -> "Sales-led";
      case "PRODUCT_LED" -> "Product-led";
      default -> "All accounts";
    };
  }

  /** A channel before a noun in a sentence: "sales-led ", "product-led ", or nothing when it is unknown. */
  public static String channelQualifier(String code) {
    return switch (code) {
      case "SALES_LED" -> "sales-led ";
      case "PRODUCT_LED" -> "product-led ";
      default -> "";
    };
  }

  /** Colours for series that are not channels, in order. */
  public static Color nth(int i) {
    Color[] others = {NEUTRAL, SECOND, new Color(0x9B, 0x59, 0xB6), new Color(0xC0, 0x39, 0x2B)};
    return others[Math.floorMod(i, others.length)];
  }

  public static NumberFormat money(String currency) {
    DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(LOCALE));
    // Half-up like every number the tables write (DecimalFormat would round half-even).
    f.setRoundingMode(java.math.RoundingMode.HALF_UP);
    f.setPositivePrefix(currency + " ");
    f.setNegativePrefix("-" + currency + " ");
    return f;
  }

  public static NumberFormat percent() {
    // One decimal where it matters: a narrow range (0% to 5%) must not label two ticks "4%".
    return new DecimalFormat("0.#%", DecimalFormatSymbols.getInstance(LOCALE));
  }

  public static void moneyAxis(NumberAxis axis, String currency) {
    axis.setNumberFormatOverride(money(currency));
  }

  public static void percentAxis(NumberAxis axis) {
    axis.setNumberFormatOverride(percent());
  }

  /** "USD 12,345"; "n/a" where there is no amount (a ratio over nothing). */
  public static String formatMoney(java.math.BigDecimal amount, String currency) {
    return amount == null ? NOT_AVAILABLE : money(currency).format(amount);
  }

  /** "87.5%"; "n/a" where the ratio has no denominator. */
  public static String formatPercent(java.math.BigDecimal ratio) {
    if (ratio == null) {
      return NOT_AVAILABLE;
    }
    DecimalFormat f = new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(LOCALE));
    f.setRoundingMode(java.math.RoundingMode.HALF_UP);
    return f.format(ratio);
  }
}

package com.saleslift.report;

import com.saleslift.table.DataSupport;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.GroupedStackedBarRenderer;
import org.jfree.data.KeyToGroupMap;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** MRR gained and lost per month, sales-led beside product-led (the last 24 reported months). */
public final class MrrMovementsChart implements ReportChart {
  static final int MONTHS_SHOWN = 24;
  static final String SALES_GAINS = "Sales-led gains";
  static final String SALES_LOSSES = "Sales-led losses";
  static final String PRODUCT_GAINS = "Product-led gains";
  static final String PRODUCT_LOSSES = "Product-led losses";
  /** Without CRM data the channel is unknown: one pair of bars for every account. */
  static final String ALL_GAINS = "Gains, channel unknown";
  static final String ALL_LOSSES = "Losses, channel unknown";
  private static final String[] GAINS = {"new", "upsell", "cross_sell", "reactivation"};
  private static final String[] LOSSES = {"contraction", "churn"};

  @Override
  public String table() {
    return "mrr_movements";
  }

  @Override
  public String fileName() {
    return "mrr-movements-sales-vs-product-led";
  }

  @Override
  public String title() {
    return "MRR movements per month: sales-led vs product-led";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("mrr_movements").map(t -> createChart(createDataset(t, data.runDate()), data.baseCurrency()));
  }

  /**
   * Gains (new, upsell, cross-sell, reactivation) above zero, losses (contraction, churn) below,
   * per channel (one pair for all accounts when the channel is unknown); the run date's month
   * labelled "to date" when it has not ended.
   */
  public static CategoryDataset createDataset(ResultTable movements, LocalDate runDate) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    boolean unknown = channelUnknown(movements);
    for (String month : lastMonths(movements)) {
      ResultTable ofMonth = movements.filter(r -> movements.text(r, "month").equals(month));
      String label = ChartTheme.monthLabel(month, runDate);
      if (unknown) {
        dataset.addValue(sum(ofMonth, DataSupport.UNKNOWN_CHANNEL, GAINS), ALL_GAINS, label);
        dataset.addValue(sum(ofMonth, DataSupport.UNKNOWN_CHANNEL, LOSSES).negate(), ALL_LOSSES, label);
        continue;
      }
      dataset.addValue(sum(ofMonth, "SALES_LED", GAINS), SALES_GAINS, label);
      dataset.addValue(sum(ofMonth, "SALES_LED", LOSSES).negate(), SALES_LOSSES, label);
      dataset.addValue(sum(ofMonth, "PRODUCT_LED", GAINS), PRODUCT_GAINS, label);
      dataset.addValue(sum(ofMonth, "PRODUCT_LED", LOSSES).negate(), PRODUCT_LOSSES, label);
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset, String currency) {
    JFreeChart chart = ChartFactory.createStackedBarChart(null, null, "MRR (" + currency + ")", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    ChartTheme.apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    GroupedStackedBarRenderer renderer = new GroupedStackedBarRenderer() {
      @Override
      public java.awt.Paint getItemPaint(int row, int column) {
        return ChartTheme.forColumn(super.getItemPaint(row, column), dataset.getColumnKey(column));
      }
    };
    KeyToGroupMap groups = new KeyToGroupMap("Sales-led");
    groups.mapKeyToGroup(SALES_GAINS, "Sales-led");
    groups.mapKeyToGroup(SALES_LOSSES, "Sales-led");
    groups.mapKeyToGroup(PRODUCT_GAINS, "Product-led");
    groups.mapKeyToGroup(PRODUCT_LOSSES, "Product-led");
    groups.mapKeyToGroup(ALL_GAINS, "All");
    groups.mapKeyToGroup(ALL_LOSSES, "All");
    renderer.setSeriesToGroupMap(groups);
    renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    java.util.Map<String, java.awt.Color> paints = java.util.Map.of(SALES_GAINS, ChartTheme.SALES_LED,
        SALES_LOSSES, ChartTheme.SALES_LED_LIGHT, PRODUCT_GAINS, ChartTheme.PRODUCT_LED, PRODUCT_LOSSES, ChartTheme.PRODUCT_LED_LIGHT,
        ALL_GAINS, ChartTheme.UNKNOWN_CHANNEL, ALL_LOSSES, ChartTheme.UNKNOWN_CHANNEL.brighter());
    for (int series = 0; series < dataset.getRowCount(); series++) {
      renderer.setSeriesPaint(series, paints.get(dataset.getRowKey(series).toString()));
    }
    plot.setRenderer(renderer);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    ChartTheme.moneyAxis((NumberAxis) plot.getRangeAxis(), currency);
    plot.setNoDataMessage("No MRR in this window");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("mrr_movements");
    if (table.isEmpty()) {
      return "No subscription revenue in this window.";
    }
    ResultTable t = table.get();
    List<String> months = lastMonths(t).stream().skip(Math.max(0, lastMonths(t).size() - 12)).toList();
    ResultTable recent = t.filter(r -> months.contains(t.text(r, "month")));
    String currency = data.baseCurrency();
    if (channelUnknown(t)) {
      BigDecimal all = sum(recent, DataSupport.UNKNOWN_CHANNEL, GAINS).subtract(sum(recent, DataSupport.UNKNOWN_CHANNEL, LOSSES));
      return String.format(ChartTheme.LOCALE, "Over %s to %s, accounts added %s of net new MRR; %s.", months.get(0),
          months.get(months.size() - 1), ChartTheme.formatMoney(all, currency), DataSupport.CHANNEL_UNKNOWN);
    }
    BigDecimal sales = sum(recent, "SALES_LED", GAINS).subtract(sum(recent, "SALES_LED", LOSSES));
    BigDecimal product = sum(recent, "PRODUCT_LED", GAINS).subtract(sum(recent, "PRODUCT_LED", LOSSES));
    return String.format(ChartTheme.LOCALE, "Over %s to %s, sales-led accounts added %s of net new MRR and product-led accounts %s.",
        months.get(0), months.get(months.size() - 1), ChartTheme.formatMoney(sales, currency),
        ChartTheme.formatMoney(product, currency));
  }

  private static boolean channelUnknown(ResultTable movements) {
    return movements.rows().stream().anyMatch(r -> movements.text(r, "channel").equals(DataSupport.UNKNOWN_CHANNEL));
  }

  static List<String> lastMonths(ResultTable movements) {
    TreeSet<String> months = new TreeSet<>();
    movements.rows().forEach(r -> months.add(movements.text(r, "month")));
    return months.stream().skip(Math.max(0, months.size() - MONTHS_SHOWN)).toList();
  }

  private static BigDecimal sum(ResultTable rows, String channel, String[] columns) {
    BigDecimal total = BigDecimal.ZERO;
    for (List<String> row : rows.rows()) {
      if (rows.text(row, "channel").equals(channel)) {
        for (String c : columns) {
          total = total.add(rows.number(row, c).orElse(BigDecimal.ZERO));
        }
      }
    }
    return total;
  }
}

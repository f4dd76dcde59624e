package com.saleslift.report;

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
  private static final String[] GAINS = {"new", "upsell", "cross_sell", "reactivation"};
  private static final String[] LOSSES = {"contraction", "churn"};

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
   * per channel; the run date's month labelled "to date" when it has not ended.
   */
  public static CategoryDataset createDataset(ResultTable movements, LocalDate runDate) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (String month : lastMonths(movements)) {
      ResultTable ofMonth = movements.filter(r -> movements.text(r, "month").equals(month));
      String label = ChartTheme.monthLabel(month, runDate);
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
    renderer.setSeriesToGroupMap(groups);
    renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    renderer.setSeriesPaint(0, ChartTheme.SALES_LED);
    renderer.setSeriesPaint(1, ChartTheme.SALES_LED_LIGHT);
    renderer.setSeriesPaint(2, ChartTheme.PRODUCT_LED);
    renderer.setSeriesPaint(3, ChartTheme.PRODUCT_LED_LIGHT);
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
    BigDecimal sales = sum(recent, "SALES_LED", GAINS).subtract(sum(recent, "SALES_LED", LOSSES));
    BigDecimal product = sum(recent, "PRODUCT_LED", GAINS).subtract(sum(recent, "PRODUCT_LED", LOSSES));
    String currency = data.baseCurrency();
    return String.format(ChartTheme.LOCALE, "Over %s to %s, sales-led accounts added %s of net new MRR and product-led accounts %s.",
        months.get(0), months.get(months.size() - 1), ChartTheme.formatMoney(sales, currency),
        ChartTheme.formatMoney(product, currency));
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

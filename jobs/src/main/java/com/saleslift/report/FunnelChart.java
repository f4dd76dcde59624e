package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.util.NavigableMap;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** Win rate (line, right axis) and won amount per won deal (bars, left axis) per fiscal quarter. */
public final class FunnelChart implements ReportChart {
  static final String DEAL_SIZE = "Won amount per won deal";
  static final String WIN_RATE = "Win rate (count)";

  /** The two datasets of the chart: bars on the money axis, the line on the percent axis. */
  public record Datasets(CategoryDataset dealSize, CategoryDataset winRate) {}

  @Override
  public String table() {
    return "sales_funnel";
  }

  @Override
  public String fileName() {
    return "win-rate-and-deal-size-per-quarter";
  }

  @Override
  public String title() {
    return "Win rate and deal size per fiscal quarter";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("sales_funnel").map(t -> createChart(createDataset(t), data.baseCurrency()));
  }

  public static Datasets createDataset(ResultTable funnel) {
    DefaultCategoryDataset size = new DefaultCategoryDataset();
    DefaultCategoryDataset rate = new DefaultCategoryDataset();
    NavigableMap<String, BigDecimal> won = Sums.by(funnel, r -> funnel.text(r, "fiscal_quarter"), "won");
    NavigableMap<String, BigDecimal> closed = Sums.by(funnel, r -> funnel.text(r, "fiscal_quarter"), "closed");
    NavigableMap<String, BigDecimal> wonAmount = Sums.by(funnel, r -> funnel.text(r, "fiscal_quarter"), "won_amount");
    for (String quarter : closed.keySet()) {
      size.addValue(Sums.ratio(wonAmount.get(quarter), won.get(quarter)), DEAL_SIZE, quarter);
      rate.addValue(Sums.ratio(won.get(quarter), closed.get(quarter)), WIN_RATE, quarter);
    }
    return new Datasets(size, rate);
  }

  public static JFreeChart createChart(Datasets datasets, String currency) {
    JFreeChart chart = ChartFactory.createBarChart(null, "Fiscal quarter of close", "Won amount per won deal (" + currency + ")",
        datasets.dealSize(), PlotOrientation.VERTICAL, true, false, false);
    ChartTheme.apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, ChartTheme.NEUTRAL);
    ChartTheme.moneyAxis((NumberAxis) plot.getRangeAxis(), currency);
    NumberAxis rateAxis = new NumberAxis("Win rate");
    ChartTheme.percentAxis(rateAxis);
    rateAxis.setRange(0, 1.0);
    rateAxis.setLabelFont(ReportFonts.regular(10f));
    rateAxis.setTickLabelFont(ReportFonts.regular(9f));
    plot.setRangeAxis(1, rateAxis);
    plot.setDataset(1, datasets.winRate());
    plot.mapDatasetToRangeAxis(1, 1);
    LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, ChartTheme.SECOND);
    line.setSeriesStroke(0, new java.awt.BasicStroke(2.5f));
    plot.setRenderer(1, line);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    plot.setNoDataMessage("No closed opportunities in this window");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("sales_funnel");
    if (table.isEmpty()) {
      return "No opportunity closed in this window.";
    }
    ResultTable t = table.get();
    NavigableMap<String, BigDecimal> won = Sums.by(t, r -> t.text(r, "fiscal_quarter"), "won");
    NavigableMap<String, BigDecimal> closed = Sums.by(t, r -> t.text(r, "fiscal_quarter"), "closed");
    NavigableMap<String, BigDecimal> wonAmount = Sums.by(t, r -> t.text(r, "fiscal_quarter"), "won_amount");
    String last = closed.lastKey();
    StringBuilder line = new StringBuilder(String.format(ChartTheme.LOCALE, "In %s the win rate was %s",
        last, ChartTheme.formatPercent(Sums.ratio(won.get(last), closed.get(last)))));
    String before = closed.lowerKey(last);
    if (before != null) {
      line.append(String.format(ChartTheme.LOCALE, " (%s in %s)",
          ChartTheme.formatPercent(Sums.ratio(won.get(before), closed.get(before))), before));
    }
    BigDecimal perDeal = Sums.ratio(wonAmount.get(last), won.get(last));
    if (perDeal != null) {
      line.append(String.format(ChartTheme.LOCALE, "; won deals brought %s each on average",
          ChartTheme.formatMoney(perDeal, data.baseCurrency())));
    }
    return line.append('.').toString();
  }
}

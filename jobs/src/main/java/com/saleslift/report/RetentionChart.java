package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** Net and gross revenue retention of the 12-month cohorts, per month, all segments and channels together. */
public final class RetentionChart implements ReportChart {
  static final String NRR = "Net revenue retention";
  static final String GRR = "Gross revenue retention";

  @Override
  public String table() {
    return "revenue_retention";
  }

  @Override
  public String fileName() {
    return "nrr-grr-per-month";
  }

  @Override
  public String title() {
    // Neither channel alone: drawn in grey and green, not in the sales-led blue and product-led orange.
    return "Net and gross revenue retention (12 months), sales-led and product-led together";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("revenue_retention").map(t -> createChart(createDataset(t, data.runDate())));
  }

  /** NRR = sum of end MRR / sum of start MRR per month; GRR the same with capped end MRR; an unfinished month "to date". */
  public static CategoryDataset createDataset(ResultTable retention, LocalDate runDate) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    Map<String, BigDecimal> start = Sums.by(retention, r -> retention.text(r, "month"), "start_mrr");
    Map<String, BigDecimal> end = Sums.by(retention, r -> retention.text(r, "month"), "end_mrr");
    Map<String, BigDecimal> capped = Sums.by(retention, r -> retention.text(r, "month"), "capped_end_mrr");
    for (String month : start.keySet()) {
      String label = ChartTheme.monthLabel(month, runDate);
      dataset.addValue(Sums.ratio(end.get(month), start.get(month)), NRR, label);
      dataset.addValue(Sums.ratio(capped.get(month), start.get(month)), GRR, label);
    }
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartFactory.createLineChart(null, null, "Share of MRR 12 months earlier", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    ChartTheme.apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    LineAndShapeRenderer renderer = new LineAndShapeRenderer() {
      @Override
      public java.awt.Paint getItemPaint(int row, int column) {
        return ChartTheme.forColumn(super.getItemPaint(row, column), dataset.getColumnKey(column));
      }
    };
    plot.setRenderer(renderer);
    renderer.setDefaultShapesVisible(true);
    renderer.setSeriesPaint(0, ChartTheme.NEUTRAL);
    renderer.setSeriesPaint(1, ChartTheme.SECOND);
    renderer.setSeriesStroke(0, new java.awt.BasicStroke(2.5f));
    renderer.setSeriesStroke(1, new java.awt.BasicStroke(2.5f));
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    ChartTheme.percentAxis(range);
    range.setAutoRangeIncludesZero(false);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    plot.setNoDataMessage("Fewer than 13 months of revenue: no 12-month cohort yet");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.rows("revenue_retention");
    if (table.isEmpty()) {
      return "Fewer than 13 months of revenue: retention over 12 months is not measurable yet.";
    }
    ResultTable t = table.get();
    NavigableMap<String, BigDecimal> start = Sums.by(t, r -> t.text(r, "month"), "start_mrr");
    String last = start.lastKey();
    ResultTable month = t.filter(r -> t.text(r, "month").equals(last));
    Map<String, BigDecimal> startBy = Sums.by(month, r -> month.text(r, "channel"), "start_mrr");
    Map<String, BigDecimal> endBy = Sums.by(month, r -> month.text(r, "channel"), "end_mrr");
    BigDecimal nrr = Sums.ratio(Sums.total(month, "end_mrr"), start.get(last));
    BigDecimal capped = Sums.total(month, "capped_end_mrr");
    BigDecimal grr = Sums.ratio(capped, start.get(last));
    StringBuilder line = new StringBuilder(String.format(ChartTheme.LOCALE,
        "In %s, NRR was %s and GRR %s", last, ChartTheme.formatPercent(nrr), ChartTheme.formatPercent(grr)));
    BigDecimal sales = Sums.ratio(endBy.get("SALES_LED"), startBy.get("SALES_LED"));
    BigDecimal product = Sums.ratio(endBy.get("PRODUCT_LED"), startBy.get("PRODUCT_LED"));
    if (sales != null && product != null) {
      line.append(String.format(ChartTheme.LOCALE, "; sales-led NRR %s vs product-led %s",
          ChartTheme.formatPercent(sales), ChartTheme.formatPercent(product)));
    }
    return line.append('.').toString();
  }
}

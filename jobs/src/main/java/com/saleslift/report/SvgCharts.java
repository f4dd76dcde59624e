package com.saleslift.report;

import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A chart as an SVG element for report.html: the same JFreeChart the PNG and the PDF draw, drawn
 * by JFreeSVG with JFreeChart's element hints on, so that each bar carries the key of what it
 * shows (`jfreesvg:ref`, `{"rowKey": ..., "columnKey": ...}`) for a click to filter by.
 */
final class SvgCharts {
  private SvgCharts() {}

  /**
   * The chart drawn at the PNG's size. {@code id} names the element and prefixes its clip paths,
   * so two charts on one page never share an id and the same chart is always the same text.
   */
  static String svg(JFreeChart chart, String id) {
    chart.setElementHinting(true);
    SVGGraphics2D g2 = new SVGGraphics2D(PngCharts.WIDTH, PngCharts.HEIGHT);
    g2.setDefsKeyPrefix(id + "-");
    chart.draw(g2, new Rectangle(0, 0, PngCharts.WIDTH, PngCharts.HEIGHT));
    // A view box instead of a fixed size: the page scales the chart to its width.
    return g2.getSVGElement(id, false, new ViewBox(0, 0, PngCharts.WIDTH, PngCharts.HEIGHT), null, null);
  }
}

package com.saleslift.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartHints;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.StandardEntityCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A chart as an SVG element for report.html: the same JFreeChart the PNG and the PDF draw, drawn
 * by JFreeSVG. Each bar or point carries the key of what it shows (`jfreesvg:ref`, `{"rowKey":
 * ..., "columnKey": ...}`) for a click to filter by and a tooltip to name: JFreeChart's element
 * hints name the bars of the renderers that give them (and the sales-lift intervals), and an
 * invisible shape over each item JFreeChart reports as an entity names the others (stacked bars,
 * the points of a line).
 */
final class SvgCharts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Color INVISIBLE = new Color(0, 0, 0, 0);

  private SvgCharts() {}

  /**
   * The chart drawn at the PNG's size. {@code id} names the element and prefixes its clip paths,
   * so two charts on one page never share an id and the same chart is always the same text.
   */
  static String svg(JFreeChart chart, String id) {
    chart.setElementHinting(true);
    SVGGraphics2D g2 = new SVGGraphics2D(PngCharts.WIDTH, PngCharts.HEIGHT);
    g2.setDefsKeyPrefix(id + "-");
    ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
    chart.draw(g2, new Rectangle(0, 0, PngCharts.WIDTH, PngCharts.HEIGHT), info);
    g2.setPaint(INVISIBLE);
    for (Object each : info.getEntityCollection().getEntities()) {
      if (each instanceof CategoryItemEntity item) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("ref", ref(String.valueOf(item.getRowKey()), String.valueOf(item.getColumnKey())));
        g2.setRenderingHint(ChartHints.KEY_BEGIN_ELEMENT, element);
        g2.fill(((ChartEntity) item).getArea());
        g2.setRenderingHint(ChartHints.KEY_END_ELEMENT, Boolean.TRUE);
      }
    }
    // A view box instead of a fixed size: the page scales the chart to its width.
    return g2.getSVGElement(id, false, new ViewBox(0, 0, PngCharts.WIDTH, PngCharts.HEIGHT), null, null);
  }

  /** `{"rowKey": "B2B", "columnKey": "Usage halved"}`, as JFreeChart writes a bar's key. */
  private static String ref(String rowKey, String columnKey) {
    try {
      return "{\"rowKey\": " + JSON.writeValueAsString(rowKey) + ", \"columnKey\": " + JSON.writeValueAsString(columnKey) + "}";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

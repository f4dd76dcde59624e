package com.saleslift.report;

import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * One chart of the report. Each implementation follows the JFreeChart demos: a dataset from
 * the tables, then a chart from the dataset; where it is written (PNG, PDF page) is not its business.
 */
public interface ReportChart {
  /** File name of the PNG, without extension; says what the chart shows. */
  String fileName();

  String title();

  /** The metric table it draws: when the input cannot fill it, the report says so instead of drawing. */
  String table();

  /** The chart, or empty when the run has no table for it (e.g. no targets). */
  Optional<JFreeChart> chart(ReportData data);

  /** One line a leader can act on, computed from the same numbers as the chart. */
  String takeaway(ReportData data);

  /**
   * What a click on one of its bars shows in report.html: per bar, keyed by its column key (or
   * "row key|column key" when the chart has several series), the accounts behind it. None by default.
   */
  default Map<String, Drill> drills(ReportData data) {
    return Map.of();
  }

  /**
   * Tooltips of its own for report.html, keyed "row key|column key" as its items are; by default
   * the SVG's bars are told by their exact values.
   */
  default Map<String, String> tooltips(ReportData data) {
    return Map.of();
  }

  /**
   * The accounts behind a bar: the rows of account list {@code list} whose columns equal
   * {@code equal}, and whose `signals` hold {@code signal} when it is not null.
   */
  record Drill(String list, Map<String, String> equal, String signal) {}
}

package com.saleslift.metrics;

import java.util.List;

/** A metric table of docs/metrics.md: its name, its columns in file order, and how many lead columns form its grain. */
public record MetricTable(String name, int grainSize, List<MetricColumn> columns) {

  public static MetricTable of(String name, int grainSize, MetricColumn... columns) {
    return new MetricTable(name, grainSize, List.of(columns));
  }

  public List<String> columnNames() {
    return columns.stream().map(MetricColumn::name).toList();
  }
}

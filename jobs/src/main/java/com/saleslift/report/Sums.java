package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Re-aggregation of table rows for charts: sums per key, and ratios of sums (never averages of ratios). */
final class Sums {
  private Sums() {}

  static NavigableMap<String, BigDecimal> by(ResultTable table, Function<List<String>, String> key, String column) {
    NavigableMap<String, BigDecimal> sums = new TreeMap<>();
    for (List<String> row : table.rows()) {
      BigDecimal v = table.number(row, column).orElse(BigDecimal.ZERO);
      sums.merge(key.apply(row), v, BigDecimal::add);
    }
    return sums;
  }

  /** The sum of a column over all rows of the table (empty cells count 0). */
  static BigDecimal total(ResultTable table, String column) {
    return by(table, r -> "", column).getOrDefault("", BigDecimal.ZERO);
  }

  static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    if (numerator == null || denominator == null || denominator.signum() == 0) {
      return null;
    }
    return numerator.divide(denominator, 6, RoundingMode.HALF_UP);
  }

  static BigDecimal of(Map<String, BigDecimal> sums, String key) {
    return sums.getOrDefault(key, BigDecimal.ZERO);
  }
}

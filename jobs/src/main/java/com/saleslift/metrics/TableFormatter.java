package com.saleslift.metrics;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Computed Dataset -> {@link ResultTable}: every value rounded half-up only here, when written,
 * and rows sorted by the grain columns (text in byte order, whole numbers by value, empty cells
 * last), so two runs over the same input give byte-identical files.
 */
public final class TableFormatter {
  private static final int MONEY_SCALE = 2;
  private static final int OTHER_SCALE = 4;

  private TableFormatter() {}

  public static ResultTable format(MetricTable table, Dataset<Row> computed) {
    List<List<String>> rows = new ArrayList<>();
    for (Row row : computed.collectAsList()) {
      List<String> cells = new ArrayList<>(table.columns().size());
      for (MetricColumn column : table.columns()) {
        cells.add(cell(column, row));
      }
      rows.add(cells);
    }
    rows.sort(grainOrder(table.columns().subList(0, table.grainSize())));
    return new ResultTable(table.name(), table.columnNames(), List.copyOf(rows));
  }

  static String cell(MetricColumn column, Row row) {
    if (column.derived()) {
      BigDecimal num = decimal(row.getAs(column.numerator()));
      BigDecimal den = decimal(row.getAs(column.denominator()));
      if (num == null || den == null || den.signum() == 0) {
        return "";
      }
      int scale = column.kind() == MetricColumn.Kind.MONEY_RATIO ? MONEY_SCALE : OTHER_SCALE;
      return num.divide(den, scale, RoundingMode.HALF_UP).toPlainString();
    }
    Object value = row.getAs(column.name());
    if (value == null) {
      return "";
    }
    return switch (column.kind()) {
      case TEXT, DATE, INTEGER -> value.toString();
      case MONEY -> decimal(value).setScale(MONEY_SCALE, RoundingMode.HALF_UP).toPlainString();
      case DECIMAL -> decimal(value).setScale(OTHER_SCALE, RoundingMode.HALF_UP).toPlainString();
      case RATIO, MONEY_RATIO -> throw new IllegalStateException("handled above");
    };
  }

  private static BigDecimal decimal(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Double d) {
      // The shortest decimal that reads back as this double: what the percentile computed.
      return new BigDecimal(Double.toString(d));
    }
    if (value instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    throw new IllegalArgumentException("not a number: " + value);
  }

  /**
   * Column by column over the grain: byte order of the UTF-8 text, a whole number by its value (a
   * rank: 2 before 10), empty cells last.
   */
  static Comparator<List<String>> grainOrder(List<MetricColumn> grain) {
    return (a, b) -> {
      for (int i = 0; i < grain.size(); i++) {
        int c = compareCells(a.get(i), b.get(i), grain.get(i).kind() == MetricColumn.Kind.INTEGER);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static int compareCells(String a, String b, boolean whole) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    return whole ? Long.compare(Long.parseLong(a), Long.parseLong(b))
        : Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}

package com.saleslift.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A metric table as written to `metrics/<name>.csv`: column names and formatted cells, rows in
 * file order. Plain Java, so rendering and the `report` command read exactly what was published.
 */
public record ResultTable(String name, List<String> columns, List<List<String>> rows) {

  public int columnIndex(String column) {
    int at = columns.indexOf(column);
    if (at < 0) {
      throw new IllegalArgumentException(name + " has no column " + column);
    }
    return at;
  }

  public String text(List<String> row, String column) {
    return row.get(columnIndex(column));
  }

  /** A numeric cell; empty when the cell is empty (a ratio whose denominator was 0). */
  public Optional<BigDecimal> number(List<String> row, String column) {
    String cell = text(row, column);
    return cell.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(cell));
  }

  public ResultTable filter(java.util.function.Predicate<List<String>> keep) {
    List<List<String>> kept = new ArrayList<>();
    rows.stream().filter(keep).forEach(kept::add);
    return new ResultTable(name, columns, kept);
  }
}

package com.saleslift.ingest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns the cells of one CSV record into the typed values of a canonical row, or the reason
 * the row is rejected. Row-level rules (required cells, types, BAD_RANGE) live here; rules
 * across rows (duplicates, as-of, foreign keys) come later, in validate.
 */
public final class RowParser {

  /** Either the typed values, in the table's column order, or a reject. */
  public record Result(Object[] values, Reject reject) {
    public boolean accepted() {
      return reject == null;
    }

    /** The canonical row with its lineage (source file, line) last, as validation expects it. */
    public Row row(String file, long line) {
      Object[] withLineage = Arrays.copyOf(values, values.length + 2);
      withLineage[withLineage.length - 2] = file;
      withLineage[withLineage.length - 1] = line;
      return RowFactory.create(withLineage);
    }
  }

  private final CanonicalTable table;
  private final ValueParser values;
  /** For each canonical column, its index in the file's header, or -1 when the file lacks it. */
  private final int[] sourceIndex;

  public RowParser(CanonicalTable table, ValueParser values, int[] sourceIndex) {
    this.table = table;
    this.values = values;
    this.sourceIndex = sourceIndex;
  }

  public Result parse(List<String> cells, String file, long line) {
    List<ColumnSpec> columns = table.columns();
    Object[] parsed = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      String text = sourceIndex[i] < 0 ? null : cells.get(sourceIndex[i]);
      if (text == null || text.isBlank()) {
        if (column.required()) {
          return rejected(cells, file, line, RejectReason.MISSING_REQUIRED, column.name(), "required value is empty");
        }
        continue;
      }
      try {
        parsed[i] = values.parse(column, text);
      } catch (ValueParser.BadValue bad) {
        return rejected(cells, file, line, bad.reason(), column.name(), bad.getMessage());
      }
    }
    String range = rangeProblem(parsed);
    if (range != null) {
      return rejected(cells, file, line, RejectReason.BAD_RANGE, range.substring(0, range.indexOf(':')),
          range.substring(range.indexOf(':') + 2));
    }
    return new Result(parsed, null);
  }

  /** The BAD_RANGE rules the table's columns declare, as "column: why", or null: the first broken, in column order. */
  private String rangeProblem(Object[] row) {
    for (ColumnSpec column : table.columns()) {
      if (column.pairing().isPresent()) {
        ColumnSpec.Pairing pairing = column.pairing().get();
        String problem = pairing.problem(column.name(), value(row, column.name()), value(row, pairing.other()));
        if (problem != null) {
          return column.name() + ": " + problem;
        }
      }
    }
    return null;
  }

  private Object value(Object[] row, String column) {
    return row[table.columnNames().indexOf(column)];
  }

  private Result rejected(List<String> cells, String file, long line, RejectReason reason, String column, String detail) {
    return new Result(null, new Reject(file, line, reason, column, detail, fields(cells)));
  }

  /** The record's cells under their canonical names, as read. */
  public Map<String, String> fields(List<String> cells) {
    Map<String, String> out = new LinkedHashMap<>();
    List<ColumnSpec> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      int at = sourceIndex[i];
      out.put(columns.get(i).name(), at >= 0 && at < cells.size() ? cells.get(at) : "");
    }
    return out;
  }
}

package com.saleslift.ingest;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A canonical table as read from its files: the rows that passed row-level rules (typed, in
 * schema order, lineage last), the rows rejected, and what was seen on the way
 * (ignored columns, rows a source export marks deleted) as warnings for run.json. A large table
 * read through the parse cache keeps its accepted rows in Parquet files ({@code dataFiles},
 * {@code dataRows} of them) instead of in memory.
 */
public record ParsedTable(CanonicalTable table, List<String> files, List<Row> rows, List<Reject> rejects,
    long rowsRead, List<String> warnings, List<String> dataFiles, long dataRows) {

  public ParsedTable(CanonicalTable table, List<String> files, List<Row> rows, List<Reject> rejects, long rowsRead,
      List<String> warnings) {
    this(table, files, rows, rejects, rowsRead, warnings, List.of(), 0);
  }

  public static ParsedTable absent(CanonicalTable table) {
    return new ParsedTable(table, List.of(), List.of(), List.of(), 0, List.of());
  }

  /** Rows that passed the row-level rules, in memory and in data files. */
  public long acceptedRows() {
    return rows.size() + dataRows;
  }
}

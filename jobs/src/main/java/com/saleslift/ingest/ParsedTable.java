package com.saleslift.ingest;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A canonical table as read from its files: the rows that passed row-level rules (typed, in
 * schema order, lineage last), the rows rejected, and what was seen on the way
 * (ignored columns, rows a source export marks deleted) as warnings for run.json.
 */
public record ParsedTable(CanonicalTable table, List<String> files, List<Row> rows, List<Reject> rejects,
    long rowsRead, List<String> warnings) {

  public static ParsedTable absent(CanonicalTable table) {
    return new ParsedTable(table, List.of(), List.of(), List.of(), 0, List.of());
  }
}

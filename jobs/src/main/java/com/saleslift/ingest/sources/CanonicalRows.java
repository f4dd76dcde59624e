package com.saleslift.ingest.sources;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.NearMiss;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.RowParser;
import com.saleslift.ingest.ValueParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;

/**
 * A canonical table built from mapped source records: each record's canonical cells (as text)
 * go through the same row rules as a canonical CSV (types, enums, ranges), keeping the source
 * file and line as lineage; what the mapping itself cannot map is rejected with its reason.
 */
public final class CanonicalRows {
  /** How every reject for a source value without a mapping begins; `validate` lists those values. */
  private static final String NO_MAPPING = "no mapping for ";

  private final CanonicalTable table;
  private final RowParser parser;
  private final Set<String> files = new LinkedHashSet<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<Reject> rejects = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  /** Records left out by a null mapping, per value and where it was mapped. */
  private final Map<String, Map<String, Long>> leftOut = new java.util.TreeMap<>();
  private long read;

  CanonicalRows(CanonicalTable table, ValueParser values) {
    this.table = table;
    this.parser = new RowParser(table, values, IntStream.range(0, table.columns().size()).toArray());
  }

  void from(SourceObject object) {
    files.addAll(object.files());
  }

  /** A mapped record: canonical column -> text; columns not named are empty. */
  void add(SourceObject.Record from, Map<String, String> cells) {
    read++;
    if (from.problem() != null) {
      rejects.add(new Reject(from.file(), from.line(), RejectReason.MALFORMED_ROW, "", from.problem(), parser.fields(ordered(cells))));
      return;
    }
    RowParser.Result result = parser.parse(ordered(cells), from.file(), from.line());
    if (result.accepted()) {
      rows.add(result.row(from.file(), from.line()));
    } else {
      rejects.add(result.reject());
    }
  }

  /** A record the mapping cannot map (an unmapped value, a missing link), with what it could map. */
  void reject(SourceObject.Record from, Map<String, String> cells, RejectReason reason, String column, String detail) {
    read++;
    rejects.add(new Reject(from.file(), from.line(), reason, column, detail, parser.fields(ordered(cells))));
  }

  /** A record whose value has no entry in a config map: BAD_ENUM, the detail naming the value and where to map it. */
  void unmapped(SourceObject.Record from, Map<String, String> cells, String column, String valueAndWhereToMapIt) {
    reject(from, cells, RejectReason.BAD_ENUM, column, NO_MAPPING + valueAndWhereToMapIt);
  }

  /**
   * Adds the record with {@code column} set to the canonical value of {@code sourceValue} in
   * {@code map}, or rejects it naming the value ({@code field}) and the config key to map it under.
   */
  void addMapped(SourceObject.Record from, Map<String, String> cells, String column, String sourceValue,
      Map<String, String> map, String field, String configKey) {
    String canonical = map.get(sourceValue);
    if (canonical == null) {
      unmapped(from, cells, column, field + " '" + sourceValue + "'" + new NearMiss(map.keySet()).hint(sourceValue)
          + ": add it to " + configKey + (SalesLiftConfig.LEAVING_OUT.contains(configKey) ? " (null leaves such rows out)" : ""));
      return;
    }
    if (canonical.equals(SalesLiftConfig.LEFT_OUT)) {
      leaveOut(from, field + " '" + sourceValue + "'", configKey);
      return;
    }
    cells.put(column, canonical);
    add(from, cells);
  }

  /**
   * A record left out on purpose, its value mapped to null (a generic to-do Task, an internal
   * meeting): no row, no reject, counted per value in the table's warnings.
   */
  void leaveOut(SourceObject.Record from, String valueInField, String configKey) {
    leftOut.computeIfAbsent(from.file(), f -> new java.util.TreeMap<>())
        .merge(valueInField + " (mapped to null in " + configKey + ")", 1L, Long::sum);
  }

  /** Canonical cells from (column, text) pairs, in order. */
  static Map<String, String> cells(String... pairs) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      cells.put(pairs[i], pairs[i + 1]);
    }
    return cells;
  }

  /** Whether a reject is for a source value without a mapping. */
  public static boolean isUnmapped(Reject reject) {
    return reject.reason() == RejectReason.BAD_ENUM && reject.detail().startsWith(NO_MAPPING);
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  ParsedTable build() {
    List<String> all = new ArrayList<>(warnings);
    leftOut.forEach((file, values) -> values.forEach((value, n) -> all.add(file + ": " + n + (n == 1 ? " row" : " rows")
        + " with " + value + " left out")));
    return new ParsedTable(table, List.copyOf(files), rows, rejects, read, all);
  }

  private List<String> ordered(Map<String, String> cells) {
    return table.columns().stream().map(c -> cells.getOrDefault(c.name(), "")).toList();
  }
}

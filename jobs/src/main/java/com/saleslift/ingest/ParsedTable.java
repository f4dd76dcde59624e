package com.saleslift.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * A canonical table as read from its files: the rows that passed row-level rules (typed, in
 * schema order, lineage last), the rows rejected, and what was seen on the way
 * (ignored columns, rows a source export marks deleted) as warnings for run.json. A large table
 * read through the parse cache keeps its accepted rows in Parquet files ({@code cached}) instead
 * of in memory.
 */
public record ParsedTable(CanonicalTable table, List<String> files, List<Row> rows, List<Reject> rejects,
    long rowsRead, List<String> warnings, List<CachedFile> cached) {

  /**
   * One input file as the parse cache keeps it: its accepted rows (a Parquet file whose name is
   * new at every parse, so a state built from it can tell it was parsed again) and the sorted
   * hashes of their keys ({@link KeyHashes}), and the latest as-of time among them (null without rows).
   */
  public record CachedFile(String source, Path data, Path keyHashes, long rows, Instant newest) {}

  public ParsedTable(CanonicalTable table, List<String> files, List<Row> rows, List<Reject> rejects, long rowsRead,
      List<String> warnings) {
    this(table, files, rows, rejects, rowsRead, warnings, List.of());
  }

  public static ParsedTable absent(CanonicalTable table) {
    return new ParsedTable(table, List.of(), List.of(), List.of(), 0, List.of());
  }

  /** The latest as-of time (usage events: occurred_at) among the rows that parsed, in memory and in data files. */
  public Optional<Instant> newest() {
    int asOf = table.asOfColumn().map(table.columnNames()::indexOf).orElse(-1);
    Stream<Instant> inMemory = asOf < 0 ? Stream.empty()
        : rows.stream().map(r -> r.get(asOf)).filter(Instant.class::isInstance).map(Instant.class::cast);
    return Stream.concat(inMemory, cached.stream().map(CachedFile::newest).filter(Objects::nonNull)).max(Instant::compareTo);
  }

  /** Rows that passed the row-level rules, in memory and in data files. */
  public long acceptedRows() {
    return rows.size() + cached.stream().mapToLong(CachedFile::rows).sum();
  }
}

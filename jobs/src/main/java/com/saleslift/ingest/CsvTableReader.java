package com.saleslift.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;

/**
 * Reads a canonical table from `<input>/<table>.csv` or a folder `<input>/<table>/` of CSV part
 * files (RFC 4180 via commons-csv), applying the file-level rules of docs/inputs.md: BOM stripped,
 * headers matched case-insensitively, a missing required column or a zero-byte file refuses the
 * run, bytes that are not UTF-8 and unbalanced quotes reject rows as MALFORMED_ROW.
 */
public final class CsvTableReader {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** What a decoder puts where the bytes were not UTF-8; a row holding it is MALFORMED_ROW. */
  public static final char NOT_UTF8 = '\uFFFD';
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private final ValueParser values;

  public CsvTableReader(ValueParser values) {
    this.values = values;
  }

  /**
   * The files holding a table in an input folder, in path order; empty when the table is absent:
   * `<table>.csv`, or the CSVs of a folder `<table>/` and of its Hive-style partition folders
   * (`usage_events/dt=2024-01-05/part-00000.csv`), as nightly exports arrive. Files whose names
   * start with `.` or `_` are a writer's bookkeeping (`_SUCCESS`, `.part-0.csv.crc`) and are skipped.
   */
  public static List<Path> filesOf(Path inputDir, CanonicalTable table) {
    Path single = inputDir.resolve(table.tableName() + ".csv");
    if (Files.isRegularFile(single)) {
      return List.of(single);
    }
    Path folder = inputDir.resolve(table.tableName());
    if (Files.isDirectory(folder)) {
      // Links followed: a landing folder often links each day's export in from where it arrived.
      try (Stream<Path> parts = Files.walk(folder, 2, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        return parts.filter(Files::isRegularFile)
            .filter(p -> p.getParent().equals(folder) || isPartition(p.getParent()))
            .filter(p -> isDataFile(p.getFileName().toString()))
            .sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.of();
  }

  /** A Hive-style partition folder: `dt=2024-01-05`. */
  public static boolean isPartition(Path folder) {
    return folder.getFileName().toString().indexOf('=') > 0;
  }

  private static boolean isDataFile(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".csv") && !name.startsWith(".") && !name.startsWith("_");
  }

  public ParsedTable read(CanonicalTable table, List<Path> files) {
    List<Row> rows = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    long read = 0;
    for (Path file : files) {
      read += readFile(table, file, rows::add, rejects::add, ignored);
    }
    return new ParsedTable(table, files.stream().map(Path::toString).toList(), rows, rejects, read, ignored);
  }

  /**
   * One file of a table, record by record: each accepted row (typed, lineage last) to
   * {@code rows}, each reject to {@code rejects}, ignored columns to {@code ignored}. Returns how
   * many records the file holds. Nothing is kept here, so a file of any size reads in flat memory.
   */
  public long readFile(CanonicalTable table, Path file, Consumer<Row> rows, Consumer<Reject> rejects, List<String> ignored) {
    String name = file.toString();
    try {
      if (Files.size(file) == 0) {
        throw new InputRefusedException(table.tableName() + ": " + name + " line 1: the file is empty (zero bytes); a table needs at least its header row");
      }
      try (Reader reader = utf8Reader(Files.newInputStream(file));
           CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
        Iterator<CSVRecord> records = parser.iterator();
        CSVRecord header;
        try {
          if (!records.hasNext()) {
            throw new InputRefusedException(table.tableName() + ": " + name + " line 1: no header row");
          }
          header = records.next();
        } catch (UncheckedIOException | IllegalStateException unreadable) {
          throw new InputRefusedException(table.tableName() + ": " + name + " line 1: the header row cannot be read (an unbalanced quote)");
        }
        RowParser rowParser = new RowParser(table, values, headerIndex(table, name, header, ignored));
        return readRecords(file, header.size(), parser, records, rowParser, rows, rejects);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
  }

  /** Reads the data records; returns how many there were (blank lines are not records). */
  private long readRecords(Path file, int width, CSVParser parser, Iterator<CSVRecord> records,
      RowParser rowParser, Consumer<Row> rows, Consumer<Reject> rejects) throws IOException {
    String name = file.toString();
    long read = 0;
    while (true) {
      // commons-csv counts the line breaks it has consumed; the next record starts on the line after.
      long line = parser.getCurrentLineNumber() + 1;
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return read;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException unbalanced) {
        return read + rejectToEnd(file, line, rowParser, rejects);
      }
      List<String> cells = record.toList();
      if (cells.size() == 1 && cells.get(0).isEmpty()) {
        continue;
      }
      read++;
      if (cells.size() != width) {
        rejects.accept(new Reject(name, line, RejectReason.MALFORMED_ROW, "",
            "the row has " + cells.size() + " fields, the header " + width, rowParser.fields(cells)));
      } else if (cells.stream().anyMatch(c -> c.indexOf(NOT_UTF8) >= 0)) {
        rejects.accept(new Reject(name, line, RejectReason.MALFORMED_ROW, "",
            "bytes that are not UTF-8", rowParser.fields(cells)));
      } else {
        RowParser.Result result = rowParser.parse(cells, name, line);
        if (result.accepted()) {
          rows.accept(result.row(name, line));
        } else {
          rejects.accept(result.reject());
        }
      }
    }
  }

  /** An unbalanced quote: every line from the broken record to the end of the file is MALFORMED_ROW. */
  private static long rejectToEnd(Path file, long fromLine, RowParser rowParser, Consumer<Reject> rejects) throws IOException {
    long count = 0;
    try (BufferedReader lines = new BufferedReader(utf8Reader(Files.newInputStream(file)))) {
      long number = 0;
      for (String text = lines.readLine(); text != null; text = lines.readLine()) {
        number++;
        if (number >= fromLine && !text.isEmpty()) {
          count++;
          rejects.accept(new Reject(file.toString(), number, RejectReason.MALFORMED_ROW, "",
              "unbalanced quote from line " + fromLine, rowParser.fields(List.of(text))));
        }
      }
    }
    return count;
  }

  /** A UTF-8 reader without the BOM; bytes that are not UTF-8 read as U+FFFD, which marks the row malformed. */
  public static Reader utf8Reader(InputStream raw) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, BOM.length);
    byte[] head = in.readNBytes(BOM.length);
    if (!Arrays.equals(head, BOM)) {
      in.unread(head);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(NOT_UTF8));
    return new BufferedReader(new InputStreamReader(in, decoder));
  }

  /** Maps each canonical column to its position in the header; refuses a missing required column. */
  private static int[] headerIndex(CanonicalTable table, String file, CSVRecord header, List<String> ignored) {
    Map<String, Integer> positions = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      positions.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    int[] index = new int[table.columns().size()];
    for (int i = 0; i < index.length; i++) {
      ColumnSpec column = table.columns().get(i);
      Integer at = positions.remove(column.name());
      if (at == null && column.required()) {
        throw new InputRefusedException(table.tableName() + ": " + file + " line 1: missing required column '" + column.name() + "'");
      }
      index[i] = at == null ? -1 : at;
    }
    positions.keySet().forEach(extra -> ignored.add("ignored column " + file + ": " + extra));
    return index;
  }
}

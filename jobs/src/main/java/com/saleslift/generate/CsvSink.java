package com.saleslift.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** One CSV printer per canonical table of a generated input folder. */
final class CsvSink implements AutoCloseable {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
  private final Path dir;
  private final Map<String, CSVPrinter> printers = new LinkedHashMap<>();

  CsvSink(Path dir) {
    this.dir = dir;
  }

  void header(String table, String... columns) {
    try {
      Writer out = Files.newBufferedWriter(dir.resolve(table + ".csv"), StandardCharsets.UTF_8);
      CSVPrinter printer = new CSVPrinter(out, FORMAT);
      printer.printRecord((Object[]) columns);
      printers.put(table, printer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A row; nulls are written as empty cells. */
  void row(String table, Object... cells) {
    try {
      printers.get(table).printRecord(java.util.Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void rows(String table, List<Object[]> rows) {
    rows.forEach(r -> row(table, r));
  }

  @Override
  public void close() throws IOException {
    for (CSVPrinter p : printers.values()) {
      p.close();
    }
  }
}

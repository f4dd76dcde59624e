package com.saleslift.run;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.Reject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * `rejects/<table>.csv`: source file, line, reason, column, detail, then the row's fields. A cell
 * a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is written with a
 * leading apostrophe so it shows as text.
 */
public final class RejectFiles {
  static final List<String> LEAD_COLUMNS = List.of("source_file", "line", "reason", "column", "detail");
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private RejectFiles() {}

  /** One file per table that was read, header only when nothing was rejected; returns the files. */
  public static List<Path> write(Path dir, Map<CanonicalTable, List<Reject>> rejects, java.util.Set<CanonicalTable> present)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (CanonicalTable table : CanonicalTable.values()) {
      if (!present.contains(table)) {
        continue;
      }
      Path file = dir.resolve(table.tableName() + ".csv");
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
           CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
        List<String> header = new ArrayList<>(LEAD_COLUMNS);
        header.addAll(table.columnNames());
        printer.printRecord(header);
        for (Reject r : rejects.getOrDefault(table, List.of())) {
          List<String> cells = new ArrayList<>(List.of(r.sourceFile(), Long.toString(r.line()), r.reason().name(),
              r.column(), r.detail()));
          table.columnNames().forEach(c -> cells.add(r.fields().getOrDefault(c, "")));
          printer.printRecord(cells.stream().map(RejectFiles::asText).toList());
        }
      }
      written.add(file);
    }
    return written;
  }

  /** Neutralises spreadsheet formulas: the cell is shown as the text it is. */
  static String asText(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    char first = cell.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
  }
}

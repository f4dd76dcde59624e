package com.saleslift.table;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Writes and reads metric tables as CSV: a header row, LF line ends, UTF-8. */
public final class ResultTableCsv {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private ResultTableCsv() {}

  public static void write(ResultTable table, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
         CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(table.columns());
      for (List<String> row : table.rows()) {
        printer.printRecord(row);
      }
    }
  }

  public static ResultTable read(String name, Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
      List<CSVRecord> records = parser.getRecords();
      if (records.isEmpty()) {
        throw new IOException(file + ": no header row");
      }
      List<List<String>> rows = new ArrayList<>();
      records.subList(1, records.size()).forEach(r -> rows.add(r.toList()));
      return new ResultTable(name, records.get(0).toList(), rows);
    }
  }
}

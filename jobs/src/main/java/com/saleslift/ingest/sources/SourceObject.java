package com.saleslift.ingest.sources;

import com.saleslift.ingest.CsvTableReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One object of a tool's export (`salesforce/Opportunity.csv`): its records with their file and
 * line, fields by header name in any casing. The file rules of docs/inputs.md hold here too: BOM, CRLF
 * and quoted line breaks are read; a record with the wrong number of fields, bytes that are not
 * UTF-8, or an unbalanced quote becomes a record with a problem, which the mapping rejects.
 */
public record SourceObject(String name, List<String> files, List<Record> records) {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

  /** A record of the export; {@code problem} is null for a readable one. */
  public record Record(String file, long line, Map<String, String> fields, String problem) {
    /** The field's text ("" when the export has no such column or the cell is empty). */
    public String get(String field) {
      return fields.getOrDefault(field.toLowerCase(Locale.ROOT), "").strip();
    }

    public boolean isTrue(String field) {
      String v = get(field).toLowerCase(Locale.ROOT);
      return v.equals("true") || v.equals("1");
    }
  }

  /** The object's file in {@code folder} (name matched in any casing), or empty when the export has none. */
  public static Optional<SourceObject> read(Path folder, String name) {
    try (Stream<Path> list = Files.list(folder)) {
      Optional<Path> file = list.filter(p -> p.getFileName().toString().equalsIgnoreCase(name + ".csv")).sorted().findFirst();
      return file.map(f -> new SourceObject(name, List.of(f.toString()), records(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
    }
  }

  private static List<Record> records(Path file) {
    List<Record> out = new ArrayList<>();
    String name = file.toString();
    try (Reader reader = CsvTableReader.utf8Reader(Files.newInputStream(file));
         CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        return out;
      }
      List<String> header = it.next().toList().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
      while (true) {
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record;
        try {
          if (!it.hasNext()) {
            return out;
          }
          record = it.next();
        } catch (UncheckedIOException | IllegalStateException unbalanced) {
          out.add(new Record(name, line, Map.of(), "an unbalanced quote from this line to the end of the file"));
          return out;
        }
        List<String> cells = record.toList();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(cells.size(), header.size()); i++) {
          fields.putIfAbsent(header.get(i), cells.get(i));
        }
        String problem = cells.size() != header.size() ? "the row has " + cells.size() + " fields, the header " + header.size()
            : cells.stream().anyMatch(c -> c.indexOf(CsvTableReader.NOT_UTF8) >= 0) ? "bytes that are not UTF-8" : null;
        out.add(new Record(name, line, fields, problem));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
  }
}

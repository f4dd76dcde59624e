package com.saleslift.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV files of a generated input folder, written row by row as the generator goes: one per
 * canonical table, or for usage events with partitioning one per day,
 * `usage_events/dt=YYYY-MM-DD/part-00000.csv` (the UTC day of `occurred_at`).
 */
final class CsvSink implements AutoCloseable {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
  private static final String USAGE_EVENTS = "usage_events";
  private static final int OCCURRED_AT = 1;

  private final Path dir;
  private final boolean partitionEvents;
  private final Map<String, List<String>> headers = new HashMap<>();
  /** Open printers by the file they write, relative to the folder. */
  private final Map<String, CSVPrinter> printers = new HashMap<>();

  CsvSink(Path dir, boolean partitionEvents) {
    this.dir = dir;
    this.partitionEvents = partitionEvents;
  }

  void header(String table, String... columns) {
    headers.put(table, List.of(columns));
    if (!partitionEvents || !table.equals(USAGE_EVENTS)) {
      printer(table + ".csv", table);
    }
  }

  /** A row; nulls are written as empty cells. */
  void row(String table, Object... cells) {
    String file = partitionEvents && table.equals(USAGE_EVENTS)
        ? USAGE_EVENTS + "/dt=" + OffsetDateTime.parse((String) cells[OCCURRED_AT]).atZoneSameInstant(ZoneOffset.UTC).toLocalDate()
            + "/part-00000.csv"
        : table + ".csv";
    try {
      printer(file, table).printRecord(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CSVPrinter printer(String file, String table) {
    return printers.computeIfAbsent(file, f -> {
      try {
        Path path = dir.resolve(f);
        Files.createDirectories(path.getParent());
        CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), FORMAT);
        printer.printRecord(headers.get(table));
        return printer;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void close() throws IOException {
    for (CSVPrinter p : printers.values()) {
      p.close();
    }
  }
}

package com.saleslift.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads every canonical table of an input folder; a missing required table refuses the run. */
public final class InputReader {
  private InputReader() {}

  public static Map<CanonicalTable, ParsedTable> readAll(Path inputDir, ValueParser values) {
    if (!Files.isDirectory(inputDir)) {
      throw new InputRefusedException(inputDir + ": input folder not found");
    }
    CsvTableReader reader = new CsvTableReader(values);
    Map<CanonicalTable, ParsedTable> tables = new EnumMap<>(CanonicalTable.class);
    for (CanonicalTable table : CanonicalTable.values()) {
      List<Path> files = CsvTableReader.filesOf(inputDir, table);
      if (files.isEmpty()) {
        if (table.requiredTable()) {
          throw new InputRefusedException(table.tableName() + ": missing table: expected "
              + inputDir.resolve(table.tableName() + ".csv") + " or a folder " + inputDir.resolve(table.tableName()) + "/ of CSV files");
        }
        continue;
      }
      tables.put(table, reader.read(table, files));
    }
    return tables;
  }
}

package com.saleslift.ingest;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.sources.EventSources;
import com.saleslift.ingest.sources.Salesforce;
import com.saleslift.ingest.sources.Stripe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every canonical table of an input folder: from its canonical CSV, or mapped from a
 * tool's export folder beside it (`salesforce/`, `stripe/`, `segment/`, `posthog/`). A table given both ways is refused (which
 * one holds the truth is the user's call); a missing required table refuses the run.
 */
public final class InputReader {
  private InputReader() {}

  public static Map<CanonicalTable, ParsedTable> readAll(Path inputDir, ValueParser values, SalesLiftConfig.Sources sources) {
    if (!Files.isDirectory(inputDir)) {
      throw new InputRefusedException(inputDir + ": input folder not found");
    }
    Map<CanonicalTable, ParsedTable> mapped = new EnumMap<>(CanonicalTable.class);
    Path salesforce = inputDir.resolve(Salesforce.FOLDER);
    if (Files.isDirectory(salesforce)) {
      mapped.putAll(Salesforce.read(salesforce, values, sources.salesforce()));
    }
    Path stripe = inputDir.resolve(Stripe.FOLDER);
    if (Files.isDirectory(stripe)) {
      mapped.putAll(Stripe.read(stripe, values, sources.stripe()));
    }
    for (String events : List.of(EventSources.SEGMENT, EventSources.POSTHOG)) {
      Path folder = inputDir.resolve(events);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      Map<CanonicalTable, ParsedTable> usage = events.equals(EventSources.SEGMENT)
          ? EventSources.segment(folder, values, sources.events()) : EventSources.postHog(folder, values, sources.events());
      if (usage.containsKey(CanonicalTable.USAGE_EVENTS) && mapped.containsKey(CanonicalTable.USAGE_EVENTS)) {
        throw new InputRefusedException("usage_events: given twice, in " + mapped.get(CanonicalTable.USAGE_EVENTS).files()
            + " and " + usage.get(CanonicalTable.USAGE_EVENTS).files() + "; keep one");
      }
      mapped.putAll(usage);
    }
    CsvTableReader reader = new CsvTableReader(values);
    Map<CanonicalTable, ParsedTable> tables = new EnumMap<>(CanonicalTable.class);
    for (CanonicalTable table : CanonicalTable.values()) {
      List<Path> files = CsvTableReader.filesOf(inputDir, table);
      if (!files.isEmpty() && mapped.containsKey(table)) {
        throw new InputRefusedException(table.tableName() + ": given twice, as " + files.get(0) + " and in "
            + mapped.get(table).files() + "; keep one");
      }
      if (mapped.containsKey(table)) {
        tables.put(table, mapped.get(table));
      } else if (!files.isEmpty()) {
        tables.put(table, reader.read(table, files));
      } else if (table.requiredTable()) {
        throw new InputRefusedException(table.tableName() + ": missing table: expected "
            + inputDir.resolve(table.tableName() + ".csv") + " or a folder " + inputDir.resolve(table.tableName()) + "/ of CSV files");
      }
    }
    return tables;
  }
}

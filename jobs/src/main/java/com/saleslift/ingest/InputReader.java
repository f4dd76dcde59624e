package com.saleslift.ingest;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.sources.EventSources;
import com.saleslift.ingest.sources.HubSpot;
import com.saleslift.ingest.sources.Salesforce;
import com.saleslift.ingest.sources.Stripe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every canonical table of an input folder: from its canonical CSV, or mapped from a
 * tool's export folder beside it (`salesforce/`, `hubspot/`, `stripe/`, `segment/`, `posthog/`).
 * A table given twice, by two exports or by an export and a CSV, is refused (which one holds the
 * truth is the user's call); a missing required table refuses the run.
 */
public final class InputReader {
  /** A tool's export folder, read into the canonical tables it holds. */
  private interface Source {
    Map<CanonicalTable, ParsedTable> read(Path folder, ValueParser values, SalesLiftConfig.Sources sources);
  }

  /** The export folders an input folder may hold, by name. */
  private static final Map<String, Source> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put(Salesforce.FOLDER, (folder, values, sources) -> Salesforce.read(folder, values, sources.salesforce()));
    SOURCES.put(HubSpot.FOLDER, (folder, values, sources) -> HubSpot.read(folder, values, sources.hubSpot()));
    SOURCES.put(Stripe.FOLDER, (folder, values, sources) -> Stripe.read(folder, values, sources.stripe()));
    SOURCES.put(EventSources.SEGMENT, (folder, values, sources) -> EventSources.segment(folder, values, sources.events()));
    SOURCES.put(EventSources.POSTHOG, (folder, values, sources) -> EventSources.postHog(folder, values, sources.events()));
  }

  private InputReader() {}

  /** How a canonical table's CSV files are read: in memory, or through the parse cache. */
  public interface CsvTables {
    ParsedTable read(CanonicalTable table, List<Path> files);
  }

  public static Map<CanonicalTable, ParsedTable> readAll(Path inputDir, ValueParser values, SalesLiftConfig.Sources sources) {
    return readAll(inputDir, values, sources, new CsvTableReader(values)::read);
  }

  public static Map<CanonicalTable, ParsedTable> readAll(Path inputDir, ValueParser values, SalesLiftConfig.Sources sources,
      CsvTables csv) {
    if (!Files.isDirectory(inputDir)) {
      throw new InputRefusedException(inputDir + ": input folder not found");
    }
    Map<CanonicalTable, ParsedTable> mapped = new EnumMap<>(CanonicalTable.class);
    SOURCES.forEach((name, source) -> {
      Path folder = inputDir.resolve(name);
      if (Files.isDirectory(folder)) {
        source.read(folder, values, sources).forEach((table, parsed) -> {
          ParsedTable earlier = mapped.putIfAbsent(table, parsed);
          if (earlier != null) {
            throw new InputRefusedException(table.tableName() + ": given twice, in " + earlier.files() + " and " + parsed.files() + "; keep one");
          }
        });
      }
    });
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
        tables.put(table, csv.read(table, files));
      } else if (table.requiredTable()) {
        throw new InputRefusedException(table.tableName() + ": missing table: expected "
            + inputDir.resolve(table.tableName() + ".csv") + " or a folder " + inputDir.resolve(table.tableName()) + "/ of CSV files");
      }
    }
    return tables;
  }
}

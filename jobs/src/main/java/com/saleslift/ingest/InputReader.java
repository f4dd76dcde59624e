package com.saleslift.ingest;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.sources.EventSources;
import com.saleslift.ingest.sources.HubSpot;
import com.saleslift.ingest.sources.Salesforce;
import com.saleslift.ingest.sources.SalesforceIds;
import com.saleslift.ingest.sources.Stripe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads every canonical table of an input folder: from its canonical CSV, or mapped from a
 * tool's export folder beside it (`salesforce/`, `hubspot/`, `stripe/`, `segment/`, `posthog/`).
 * A table given twice, by two exports or by an export and a CSV, is refused (which one holds the
 * truth is the user's call); a missing required table refuses the run.
 */
public final class InputReader {
  /**
   * A tool's export folder, read into the canonical tables it holds; {@code accountIds} turns an
   * account reference into the form the accounts table uses (Salesforce's 18 characters).
   */
  private interface Reader {
    Map<CanonicalTable, ParsedTable> read(Path folder, ValueParser values, SalesLiftConfig.Sources sources,
        UnaryOperator<String> accountIds);
  }

  /**
   * An export folder: how it is read, and the objects each required table comes from, the first
   * being the file a missing table is named by ("salesforce/User.csv is missing: reps come from User and UserRole").
   */
  private record Source(Reader reader, Map<CanonicalTable, List<String>> objects) {}

  /** The export folders an input folder may hold, by name; Salesforce first, as its accounts set the form of account ids. */
  private static final Map<String, Source> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put(Salesforce.FOLDER, new Source((folder, values, sources, ids) -> Salesforce.read(folder, values, sources.salesforce()),
        Map.of(CanonicalTable.ACCOUNTS, List.of("Account"), CanonicalTable.REPS, List.of("User", "UserRole"),
            CanonicalTable.PRODUCTS, List.of("Product2"), CanonicalTable.OPPORTUNITIES, List.of("Opportunity", "OpportunityLineItem"),
            CanonicalTable.ACTIVITIES, List.of("Task", "Event"))));
    SOURCES.put(HubSpot.FOLDER, new Source((folder, values, sources, ids) -> HubSpot.read(folder, values, sources.hubSpot()),
        Map.of(CanonicalTable.ACCOUNTS, List.of("companies"), CanonicalTable.REPS, List.of("owners"),
            CanonicalTable.OPPORTUNITIES, List.of("deals"), CanonicalTable.ACTIVITIES, List.of("calls", "emails", "meetings"))));
    SOURCES.put(Stripe.FOLDER, new Source((folder, values, sources, ids) -> Stripe.read(folder, values, sources.stripe(), ids),
        Map.of(CanonicalTable.SUBSCRIPTIONS, List.of("invoice_line_items", "customers", "prices"))));
    SOURCES.put(EventSources.SEGMENT, new Source((folder, values, sources, ids) -> EventSources.segment(folder, values,
        sources.events(), ids), Map.of(CanonicalTable.USAGE_EVENTS, List.of("tracks", "groups"))));
    SOURCES.put(EventSources.POSTHOG, new Source((folder, values, sources, ids) -> EventSources.postHog(folder, values,
        sources.events(), ids), Map.of(CanonicalTable.USAGE_EVENTS, List.of("events"))));
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
    UnaryOperator<String> accountIds = UnaryOperator.identity();
    for (Map.Entry<String, Source> source : SOURCES.entrySet()) {
      Path folder = inputDir.resolve(source.getKey());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      source.getValue().reader().read(folder, values, sources, accountIds).forEach((table, parsed) -> {
        ParsedTable earlier = mapped.putIfAbsent(table, parsed);
        if (earlier != null) {
          throw new InputRefusedException(table.tableName() + ": given twice, in " + earlier.files() + " and " + parsed.files() + "; keep one");
        }
      });
      if (source.getKey().equals(Salesforce.FOLDER) && mapped.containsKey(CanonicalTable.ACCOUNTS)) {
        // Other tools that store a Salesforce account id (Stripe metadata, Segment groups) often hold its 15-character form.
        accountIds = SalesforceIds::to18;
      }
    }
    List<String> missing = new ArrayList<>();
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
        missing.add(missing(inputDir, table));
      }
    }
    if (!missing.isEmpty()) {
      throw new InputRefusedException(String.join("; ", missing));
    }
    return tables;
  }

  /** How a missing required table is named: as the object of an export folder that should give it, else as its CSV. */
  private static String missing(Path inputDir, CanonicalTable table) {
    for (Map.Entry<String, Source> source : SOURCES.entrySet()) {
      List<String> objects = source.getValue().objects().get(table);
      if (objects != null && Files.isDirectory(inputDir.resolve(source.getKey()))) {
        return source.getKey() + "/" + objects.get(0) + ".csv is missing: " + table.tableName() + " come from "
            + (objects.size() == 1 ? objects.get(0) : String.join(", ", objects.subList(0, objects.size() - 1))
            + " and " + objects.get(objects.size() - 1));
      }
    }
    return table.tableName() + ": missing table: expected " + inputDir.resolve(table.tableName() + ".csv") + " or a folder "
        + inputDir.resolve(table.tableName()) + "/ of CSV files";
  }
}

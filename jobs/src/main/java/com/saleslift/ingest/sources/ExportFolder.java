package com.saleslift.ingest.sources;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.ValueParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A CRM export folder (`salesforce/`, `hubspot/`) being mapped object by object onto canonical
 * tables: several objects may feed one table (Task and Event both give activities), and records
 * the tool marks as deleted are dropped and counted, not mapped.
 */
final class ExportFolder {
  /** Ids ordered as numbers when they are digits (HubSpot), as text otherwise: shorter first, then by character. */
  private static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private final Path folder;
  private final ValueParser values;
  private final Map<CanonicalTable, CanonicalRows> tables = new EnumMap<>(CanonicalTable.class);

  ExportFolder(Path folder, ValueParser values) {
    this.folder = folder;
    this.values = values;
  }

  Optional<SourceObject> object(String name) {
    return SourceObject.read(folder, name);
  }

  /** The readable records of an object that are not deleted ({@code deletedFlag} true), for lookups. */
  List<SourceObject.Record> live(String object, String deletedFlag) {
    return object(object).map(o -> o.records().stream()
        .filter(r -> r.problem() == null && !r.isTrue(deletedFlag)).toList()).orElse(List.of());
  }

  /**
   * Each record of an object, mapped by {@code mapping} into the table; records whose
   * {@code deletedFlag} is true are dropped and counted in a warning (null: the tool deletes
   * none of this object). Returns the object, empty when the export lacks it.
   */
  Optional<SourceObject> each(String object, CanonicalTable table, String deletedFlag,
      BiConsumer<SourceObject.Record, CanonicalRows> mapping) {
    Optional<SourceObject> source = object(object);
    if (source.isEmpty()) {
      return source;
    }
    CanonicalRows rows = tables.computeIfAbsent(table, t -> new CanonicalRows(t, values));
    rows.from(source.get());
    long deleted = 0;
    for (SourceObject.Record r : source.get().records()) {
      if (r.problem() == null && deletedFlag != null && r.isTrue(deletedFlag)) {
        deleted++;
      } else {
        mapping.accept(r, rows);
      }
    }
    if (deleted > 0) {
      rows.warn(source.get().files().get(0) + ": " + deleted + " rows with " + deletedFlag + " = true dropped");
    }
    return source;
  }

  /** A warning about a table (records left out on purpose), shown by `validate` and kept in run.json. */
  void warn(CanonicalTable table, String warning) {
    tables.computeIfAbsent(table, t -> new CanonicalRows(t, values)).warn(warning);
  }

  Map<CanonicalTable, ParsedTable> tables() {
    Map<CanonicalTable, ParsedTable> out = new EnumMap<>(CanonicalTable.class);
    tables.forEach((table, rows) -> out.put(table, rows.build()));
    return out;
  }

  /**
   * The line item that gives each deal its product: the largest {@code amountField}, on a tie
   * the smallest id; keyed by the deal the item belongs to.
   */
  static Map<String, SourceObject.Record> largestPerParent(List<SourceObject.Record> items, Function<SourceObject.Record, String> parent,
      String amountField, Function<SourceObject.Record, String> id) {
    Comparator<SourceObject.Record> larger = Comparator.<SourceObject.Record, BigDecimal>comparing(r -> amount(r.get(amountField)))
        .thenComparing(id, ID_ORDER.reversed());
    Map<String, SourceObject.Record> out = new HashMap<>();
    items.forEach(r -> out.merge(parent.apply(r), r, (a, b) -> larger.compare(a, b) >= 0 ? a : b));
    return out;
  }

  private static BigDecimal amount(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }

  /** A duration in whole minutes, half-up, from a count of {@code unitsPerMinute} (60 seconds, 60,000 ms); other text as it is. */
  static String wholeMinutes(String duration, long unitsPerMinute) {
    if (duration.isEmpty()) {
      return "";
    }
    try {
      return new BigDecimal(duration).divide(BigDecimal.valueOf(unitsPerMinute), 0, RoundingMode.HALF_UP).toPlainString();
    } catch (NumberFormatException e) {
      return duration;
    }
  }
}

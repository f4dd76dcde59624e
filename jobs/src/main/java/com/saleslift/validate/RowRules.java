package com.saleslift.validate;

import com.saleslift.ingest.NearMiss;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnSpec;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rules across rows for a table the driver already holds in memory: every table but usage
 * events (CRM and billing exports, thousands to a few million rows, parsed on the driver). On
 * plain rows the rules cost milliseconds; as Spark queries they cost several planned and
 * scheduled jobs per rule and table, most of a small run's time. Usage events, hundreds of
 * millions of rows, keep the same rules as Spark queries ({@link Deduplication},
 * {@link AsOfFilter#isFuture}, {@link ForeignKeys}).
 *
 * <p>Values are compared as Spark would compare them once loaded: decimals by value, instants
 * to the microsecond.
 */
final class RowRules {
  /** What the rules made of a table: accepted rows (with {@link Currencies#RATE} last on a money table) and the rest. */
  record Outcome(List<Row> accepted, List<Reject> rejects, long duplicates, long future) {}

  /** The tables some column references: their accepted keys are kept for the tables after them. */
  private static final Set<CanonicalTable> PARENTS = Arrays.stream(CanonicalTable.values())
      .flatMap(t -> t.columns().stream()).map(ColumnSpec::references).filter(Objects::nonNull)
      .map(name -> CanonicalTable.byName(name).orElseThrow()).collect(Collectors.toSet());

  private final LocalDate runDate;
  private final ZoneId reportingZone;
  private final String baseCurrency;
  /** The accepted keys of each parent table applied so far. */
  private final Map<CanonicalTable, Set<Object>> acceptedKeys = new EnumMap<>(CanonicalTable.class);
  /** The accepted rates per currency and day, once fx_rates is applied. */
  private final Map<String, TreeMap<LocalDate, BigDecimal>> rates = new LinkedHashMap<>();

  RowRules(LocalDate runDate, ZoneId reportingZone, String baseCurrency) {
    this.runDate = runDate;
    this.reportingZone = reportingZone;
    this.baseCurrency = baseCurrency;
  }

  /**
   * The rules on one table, whose parents (and fx_rates, for a money table) were applied
   * before on this instance; a parent never applied has no accepted key.
   *
   * @param rows the parsed rows, lineage columns last
   */
  Outcome apply(CanonicalTable table, List<Row> rows) {
    List<Row> distinct = dropIdentical(table, rows);
    List<Reject> rejects = new ArrayList<>();
    List<Row> current = new ArrayList<>();
    long dropped = 0;
    long future = 0;
    for (List<Row> versions : byKey(table, distinct).values()) {
      Kept kept = table.versionColumn().map(c -> newest(table, c, versions)).orElseGet(() -> single(versions));
      dropped += kept.dropped();
      kept.conflicts().forEach(row -> rejects.add(reject(table, row, RejectReason.DUPLICATE_CONFLICT,
          String.join(",", table.key()), kept.conflictDetail())));
      if (kept.row() != null && AsOfFilter.isFuture(table, kept.row(), runDate, reportingZone)) {
        future++;
      } else if (kept.row() != null) {
        current.add(kept.row());
      }
    }
    for (ColumnSpec column : table.columns()) {
      if (column.references() != null) {
        CanonicalTable parent = CanonicalTable.byName(column.references()).orElseThrow();
        current = parent == table ? selfReference(table, column, current, rejects)
            : orphans(table, column, current, acceptedKeys.getOrDefault(parent, Set.of()), rejects);
      }
    }
    if (Currencies.hasMoney(table)) {
      current = withRates(table, current, rejects);
    }
    if (PARENTS.contains(table)) {
      acceptedKeys.put(table, keys(table, current));
    }
    if (table == CanonicalTable.FX_RATES) {
      keepRates(current);
    }
    long duplicates = rows.size() - distinct.size() + dropped;
    return new Outcome(List.copyOf(current), List.copyOf(rejects), duplicates, future);
  }

  /** One row of each group of rows equal in every column; the first by file and line is kept. */
  static List<Row> dropIdentical(CanonicalTable table, List<Row> rows) {
    List<Integer> every = IntStream.range(0, table.columns().size()).boxed().toList();
    Map<List<Object>, Row> first = new LinkedHashMap<>();
    rows.stream().sorted(BY_LINEAGE).forEach(row -> first.putIfAbsent(values(row, every), row));
    return new ArrayList<>(first.values());
  }

  private static final Comparator<Row> BY_LINEAGE = Comparator.<Row, String>comparing(r -> r.getString(r.length() - 2))
      .thenComparingLong(r -> r.getLong(r.length() - 1));

  private static Map<List<Object>, List<Row>> byKey(CanonicalTable table, List<Row> rows) {
    List<Integer> key = table.key().stream().map(name -> table.columnNames().indexOf(name)).toList();
    Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
    for (Row row : rows) {
      groups.computeIfAbsent(values(row, key), x -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  /** The row a key keeps (null if none), how many versions were dropped, and its versions in conflict. */
  private record Kept(Row row, long dropped, List<Row> conflicts, String conflictDetail) {}

  /** A table without a version column: two different rows under one key are every one of them in conflict. */
  private static Kept single(List<Row> versions) {
    return versions.size() == 1 ? new Kept(versions.get(0), 0, List.of(), null)
        : new Kept(null, 0, versions, versions.size() + " different rows share this key");
  }

  /**
   * A table with a version column (opportunities: last_modified_at) keeps each key's newest
   * version (an empty one is oldest); a tie at the newest is a conflict of every version.
   */
  private static Kept newest(CanonicalTable table, ColumnSpec versionColumn, List<Row> versions) {
    int at = table.columnNames().indexOf(versionColumn.name());
    Comparator<Row> byModified = Comparator.comparing(r -> (Instant) comparable(r.get(at)), Comparator.nullsFirst(Comparator.naturalOrder()));
    Row newest = versions.stream().max(byModified).orElseThrow();
    long atNewest = versions.stream().filter(r -> byModified.compare(r, newest) == 0).count();
    return atNewest > 1 ? new Kept(null, 0, versions, atNewest + " different rows share the newest " + versionColumn.name())
        : new Kept(newest, versions.size() - 1, List.of(), null);
  }

  /** Rows whose reference is NULL or an accepted parent key; the others rejected as ORPHAN. */
  private static List<Row> orphans(CanonicalTable table, ColumnSpec reference, List<Row> rows, Set<Object> parentKeys,
      List<Reject> rejects) {
    int at = table.columnNames().indexOf(reference.name());
    List<Row> kept = new ArrayList<>();
    NearMiss nearMiss = null;
    for (Row row : rows) {
      Object value = row.get(at);
      if (value == null || parentKeys.contains(value)) {
        kept.add(row);
      } else {
        // Indexed at the first orphan only: most tables have none, and accounts can be millions.
        nearMiss = nearMiss == null ? new NearMiss(parentKeys) : nearMiss;
        rejects.add(reject(table, row, RejectReason.ORPHAN, reference.name(),
            "unknown " + reference.references() + " key '" + value + "'" + nearMiss.hint(value.toString())));
      }
    }
    return kept;
  }

  /**
   * reps.manager_id points into reps itself: a rep whose manager was rejected is an orphan, so
   * its own reports become orphans next; repeat until no new orphan appears.
   */
  private static List<Row> selfReference(CanonicalTable table, ColumnSpec reference, List<Row> rows, List<Reject> rejects) {
    List<Row> kept = rows;
    while (true) {
      int before = rejects.size();
      kept = orphans(table, reference, kept, keys(table, kept), rejects);
      if (rejects.size() == before) {
        return kept;
      }
    }
  }

  private static Set<Object> keys(CanonicalTable table, List<Row> rows) {
    int at = table.columnNames().indexOf(ForeignKeys.keyOf(table));
    Set<Object> keys = new HashSet<>();
    rows.forEach(r -> keys.add(r.get(at)));
    return keys;
  }

  /**
   * Each row with its rate to the base currency appended: 1 for the base currency, else the
   * latest rate on or before the row's conversion date; a row without one is UNKNOWN_CURRENCY.
   */
  private List<Row> withRates(CanonicalTable table, List<Row> rows, List<Reject> rejects) {
    int currencyAt = table.columnNames().indexOf("currency");
    List<Row> rated = new ArrayList<>();
    for (Row row : rows) {
      String currency = row.getString(currencyAt);
      BigDecimal rate = null;
      if (currency == null || currency.equals(baseCurrency)) {
        rate = BigDecimal.ONE;
      } else {
        LocalDate on = Currencies.conversionDate(table, row, runDate, reportingZone);
        Map.Entry<LocalDate, BigDecimal> latest = on == null || !rates.containsKey(currency) ? null : rates.get(currency).floorEntry(on);
        rate = latest == null ? null : latest.getValue();
      }
      if (rate == null) {
        rejects.add(reject(table, row, RejectReason.UNKNOWN_CURRENCY, "currency",
            "no rate to the base currency for '" + currency + "' on or before the amount's date"));
      } else {
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        values[row.length()] = rate;
        rated.add(RowFactory.create(values));
      }
    }
    return rated;
  }

  private void keepRates(List<Row> fxRates) {
    List<String> fx = CanonicalTable.FX_RATES.columnNames();
    for (Row r : fxRates) {
      rates.computeIfAbsent(r.getString(fx.indexOf("currency")), c -> new TreeMap<>())
          .put((LocalDate) r.get(fx.indexOf("rate_date")), r.getDecimal(fx.indexOf("rate_to_base")));
    }
  }

  private static Reject reject(CanonicalTable table, Row row, RejectReason reason, String column, String detail) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> names = table.columnNames();
    for (int i = 0; i < names.size(); i++) {
      fields.put(names.get(i), Rejections.text(row.get(i)));
    }
    return new Reject(row.getString(names.size()), row.getLong(names.size() + 1), reason, column, detail, fields);
  }

  /** The row's values in those columns, as Spark compares them: a key to group rows by. */
  private static List<Object> values(Row row, List<Integer> columns) {
    List<Object> values = new ArrayList<>(columns.size());
    columns.forEach(i -> values.add(comparable(row.get(i))));
    return values;
  }

  /** A value as Spark compares it: a decimal by its value, an instant to the microsecond. */
  private static Object comparable(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (value instanceof Instant i) {
      return i.truncatedTo(ChronoUnit.MICROS);
    }
    return value;
  }
}

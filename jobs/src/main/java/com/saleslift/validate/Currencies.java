package com.saleslift.validate;

import com.saleslift.ingest.CanonicalTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Row;

/**
 * Conversion to the base currency with the latest rate on or before the amount's own date:
 * open opportunities at created_at (its date in the reporting zone), closed ones at close_date,
 * subscriptions at start_date, targets at period_start. A foreign amount without such a rate is
 * UNKNOWN_CURRENCY ({@link RowRules} applies it).
 */
public final class Currencies {
  /** The rate a row's amounts are multiplied by; 1 for the base currency. */
  public static final String RATE = "_rate_to_base";

  private Currencies() {}

  /** Whether the table holds amounts in a currency. */
  public static boolean hasMoney(CanonicalTable table) {
    return switch (table) {
      case OPPORTUNITIES, SUBSCRIPTIONS, TARGETS -> true;
      default -> false;
    };
  }

  /** The date whose rate converts a row's amount; null when the row has no such date. */
  static LocalDate conversionDate(CanonicalTable table, Row row, LocalDate runDate, ZoneId reportingZone) {
    return switch (table) {
      case OPPORTUNITIES -> {
        LocalDate closed = (LocalDate) value(table, row, "close_date");
        Instant created = (Instant) value(table, row, "created_at");
        yield Boolean.TRUE.equals(value(table, row, "is_closed")) && closed != null && !closed.isAfter(runDate) ? closed
            : created == null ? null : LocalDate.ofInstant(created, reportingZone);
      }
      case SUBSCRIPTIONS -> (LocalDate) value(table, row, "start_date");
      case TARGETS -> (LocalDate) value(table, row, "period_start");
      default -> throw new IllegalArgumentException(table.tableName() + " holds no money");
    };
  }

  private static Object value(CanonicalTable table, Row row, String column) {
    return row.get(table.columnNames().indexOf(column));
  }
}

package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/** The as-of rule: a row dated after the end of the run date is ignored for the run and counted as FUTURE. */
public final class AsOfFilter {
  private AsOfFilter() {}

  /** The first instant after the run date, in the reporting zone. */
  public static Instant endOf(LocalDate runDate, ZoneId reportingZone) {
    return runDate.plusDays(1).atStartOfDay(reportingZone).toInstant();
  }

  /**
   * True for rows dated after the as-of; tables without a dating column have none. As a Spark
   * column, for usage events; {@link #isFuture(CanonicalTable, Row, LocalDate, ZoneId)} is the
   * same test on a row held in memory.
   */
  public static Column isFuture(CanonicalTable table, LocalDate runDate, ZoneId reportingZone) {
    return table.asOfColumn().map(name -> {
      boolean isDate = table.column(name).type() == ColumnType.DATE;
      return isDate ? col(name).gt(lit(runDate)) : col(name).geq(lit(endOf(runDate, reportingZone)));
    }).orElse(lit(false));
  }

  /** The as-of rule on one parsed row (a NULL date is not after the as-of). */
  static boolean isFuture(CanonicalTable table, Row row, LocalDate runDate, ZoneId reportingZone) {
    return table.asOfColumn().map(name -> {
      Object value = row.get(table.columnNames().indexOf(name));
      return value instanceof LocalDate date ? date.isAfter(runDate)
          : value instanceof Instant time && !time.isBefore(endOf(runDate, reportingZone));
    }).orElse(false);
  }
}

package com.saleslift.model;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.apache.spark.sql.Column;

/**
 * Months and fiscal quarters as docs/metrics.md cuts them. Months are numbered (year * 12 + month - 1)
 * so that "M - 1" and "M - 12" are plain arithmetic; the session time zone is the reporting
 * zone, so Spark's own date functions cut instants in it.
 */
public final class Calendar {
  private final int fiscalYearStartMonth;
  private final LocalDate runDate;
  private final ZoneId reportingZone;

  public Calendar(int fiscalYearStartMonth, LocalDate runDate, ZoneId reportingZone) {
    this.fiscalYearStartMonth = fiscalYearStartMonth;
    this.runDate = runDate;
    this.reportingZone = reportingZone;
  }

  public LocalDate runDate() {
    return runDate;
  }

  public ZoneId reportingZone() {
    return reportingZone;
  }

  /** The as-of: the first instant after the run date in the reporting zone. */
  public java.time.Instant asOf() {
    return com.saleslift.validate.AsOfFilter.endOf(runDate, reportingZone);
  }

  public static int index(YearMonth month) {
    return month.getYear() * 12 + month.getMonthValue() - 1;
  }

  public static YearMonth monthOfIndex(int index) {
    return YearMonth.of(Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1);
  }

  public int runMonthIndex() {
    return index(YearMonth.from(runDate));
  }

  /** The month number of a date column, or of an instant column in the reporting zone. */
  public static Column monthIndex(Column dateOrInstant) {
    return year(dateOrInstant).multiply(12).plus(month(dateOrInstant)).minus(1);
  }

  /** The evaluation day E of a month: its last day, or the run date for the run date's own month. */
  public LocalDate evaluationDay(int monthIndex) {
    YearMonth m = monthOfIndex(monthIndex);
    return monthIndex == runMonthIndex() ? runDate : m.atEndOfMonth();
  }

  /** The last month that has ended by the as-of: the run month when the run date is its last day. */
  public int lastEndedMonthIndex() {
    return runDate.equals(YearMonth.from(runDate).atEndOfMonth()) ? runMonthIndex() : runMonthIndex() - 1;
  }

  /** A day of elapsed time. */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Elapsed days between two instants (seconds / 86400), as a double. */
  public static Column days(Column from, Column to) {
    return unix_micros(to).minus(unix_micros(from)).divide((double) MICROS_PER_DAY);
  }

  /** A date as an instant: its midnight in the reporting zone (the session zone). */
  public static Column midnight(Column date) {
    return to_timestamp(date);
  }

  /** The first day of the fiscal quarter holding a date. */
  public Column fiscalQuarterStart(Column date) {
    Column offset = pmod(month(date).minus(fiscalYearStartMonth), lit(3));
    return add_months(trunc(date, "MM"), offset.multiply(-1).cast("int"));
  }

  /** "FY2026-Q1": the fiscal year named by the calendar year it ends in. */
  public Column fiscalQuarter(Column date) {
    Column m = month(date);
    Column fiscalMonth = pmod(m.minus(fiscalYearStartMonth), lit(12));
    Column quarter = floor(fiscalMonth.divide(3)).plus(1).cast("int");
    Column fiscalYear = fiscalYearStartMonth == 1 ? year(date)
        : when(m.geq(fiscalYearStartMonth), year(date).plus(1)).otherwise(year(date));
    return concat(lit("FY"), fiscalYear.cast("string"), lit("-Q"), quarter.cast("string"));
  }

  /** The same label for one date, on the driver. */
  public String fiscalQuarter(LocalDate date) {
    int fiscalMonth = Math.floorMod(date.getMonthValue() - fiscalYearStartMonth, 12);
    int fiscalYear = fiscalYearStartMonth == 1 || date.getMonthValue() < fiscalYearStartMonth
        ? date.getYear() : date.getYear() + 1;
    return "FY" + fiscalYear + "-Q" + (fiscalMonth / 3 + 1);
  }
}

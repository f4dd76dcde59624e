package com.saleslift.metrics;

/**
 * One output column of a metric table and how it is written (docs/metrics.md: money to 2 decimals,
 * other non-integers to 4, half-up, plain notation). A RATIO is computed at write time from two
 * other columns of the computed Dataset, exactly, and is empty when the denominator is 0.
 */
public record MetricColumn(String name, Kind kind, String numerator, String denominator) {

  public enum Kind { TEXT, DATE, INTEGER, MONEY, DECIMAL, RATIO, MONEY_RATIO }

  public static MetricColumn text(String name) {
    return new MetricColumn(name, Kind.TEXT, null, null);
  }

  public static MetricColumn date(String name) {
    return new MetricColumn(name, Kind.DATE, null, null);
  }

  public static MetricColumn integer(String name) {
    return new MetricColumn(name, Kind.INTEGER, null, null);
  }

  public static MetricColumn money(String name) {
    return new MetricColumn(name, Kind.MONEY, null, null);
  }

  /** A non-integer such as days or a median, written with 4 decimals. */
  public static MetricColumn decimal(String name) {
    return new MetricColumn(name, Kind.DECIMAL, null, null);
  }

  public static MetricColumn ratio(String name, String numerator, String denominator) {
    return new MetricColumn(name, Kind.RATIO, numerator, denominator);
  }

  /** Money over a count (an average amount): written as money, with 2 decimals. */
  public static MetricColumn moneyRatio(String name, String numerator, String denominator) {
    return new MetricColumn(name, Kind.MONEY_RATIO, numerator, denominator);
  }

  public boolean derived() {
    return kind == Kind.RATIO || kind == Kind.MONEY_RATIO;
  }
}

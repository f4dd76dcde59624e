package com.saleslift.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one cell by the rules of docs/inputs.md. Values come back as the Java types Spark's
 * java8 API stores (Instant, LocalDate, BigDecimal, Long, Boolean, String); a value that breaks
 * a rule throws {@link BadValue} carrying its reason code.
 */
public final class ValueParser {
  /** Date, then optionally 'T' or ' ' and a time with optional seconds and fraction, then an optional offset. */
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

  /** A cell that cannot be accepted, with the reason code to reject its row under. */
  public static final class BadValue extends Exception {
    private final RejectReason reason;

    BadValue(RejectReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public RejectReason reason() {
      return reason;
    }
  }

  private final ZoneId sourceZone;

  public ValueParser(ZoneId sourceZone) {
    this.sourceZone = sourceZone;
  }

  /** The parsed value of a non-empty cell. */
  public Object parse(ColumnSpec column, String text) throws BadValue {
    String v = text.strip();
    return switch (column.type()) {
      case STRING -> text;
      case UPPER_STRING -> v.toUpperCase(Locale.ROOT);
      case ENUM -> enumValue(column, v);
      case COUNT -> count(v);
      case MONEY -> decimal(v, false);
      case POSITIVE_DECIMAL -> decimal(v, true);
      case BOOLEAN -> bool(v);
      case TIMESTAMP -> timestamp(v);
      case DATE -> date(v);
      case CURRENCY -> currency(v);
    };
  }

  private static String enumValue(ColumnSpec column, String v) throws BadValue {
    String upper = v.toUpperCase(Locale.ROOT);
    if (!column.enumValues().contains(upper)) {
      throw new BadValue(RejectReason.BAD_ENUM, "'" + v + "' is not one of " + String.join(", ", new java.util.TreeSet<>(column.enumValues()))
          + new NearMiss(column.enumValues()).hint(v));
    }
    return upper;
  }

  private static Long count(String v) throws BadValue {
    if (!INTEGER.matcher(v).matches()) {
      throw new BadValue(RejectReason.BAD_NUMBER, "'" + v + "' is not a whole number");
    }
    long n = Long.parseLong(v);
    if (n < 0) {
      throw new BadValue(RejectReason.NEGATIVE_AMOUNT, "'" + v + "' is negative");
    }
    return n;
  }

  private static BigDecimal decimal(String v, boolean strictlyPositive) throws BadValue {
    if (!DECIMAL.matcher(v).matches() || v.length() > 40) {
      throw new BadValue(RejectReason.BAD_NUMBER, "'" + v + "' is not a decimal number");
    }
    BigDecimal d = new BigDecimal(v);
    if (d.signum() < 0 || (strictlyPositive && d.signum() == 0)) {
      throw new BadValue(RejectReason.NEGATIVE_AMOUNT, "'" + v + "' must be " + (strictlyPositive ? "> 0" : ">= 0"));
    }
    if (d.precision() - d.scale() > 20) {
      throw new BadValue(RejectReason.BAD_NUMBER, "'" + v + "' is too large");
    }
    return d;
  }

  private static Boolean bool(String v) throws BadValue {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> Boolean.TRUE;
      case "false", "0", "no" -> Boolean.FALSE;
      default -> throw new BadValue(RejectReason.BAD_ENUM, "'" + v + "' is not a boolean (true/false, 1/0, yes/no)");
    };
  }

  /**
   * The date, in the source time zone, of a timestamp cell: for tools that keep dates as
   * timestamps (HubSpot's `closedate`); empty when the text is not a timestamp.
   */
  public Optional<LocalDate> sourceDate(String text) {
    try {
      return Optional.of(timestamp(text.strip()).atZone(sourceZone).toLocalDate());
    } catch (BadValue e) {
      return Optional.empty();
    }
  }

  private static LocalDate date(String v) throws BadValue {
    if (!DATE.matcher(v).matches()) {
      throw new BadValue(RejectReason.BAD_DATE, "'" + v + "' is not a date YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw new BadValue(RejectReason.BAD_DATE, "'" + v + "' is not a valid date");
    }
  }

  private Instant timestamp(String v) throws BadValue {
    Matcher m = TIMESTAMP.matcher(v);
    if (!m.matches()) {
      throw new BadValue(RejectReason.BAD_DATE, "'" + v + "' is not an ISO-8601 timestamp");
    }
    try {
      LocalDate day = LocalDate.parse(m.group(1));
      LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2));
      if (m.group(3) == null) {
        return day.atTime(time).atZone(sourceZone).toInstant();
      }
      return day.atTime(time).toInstant(offset(m.group(3)));
    } catch (DateTimeException e) {
      throw new BadValue(RejectReason.BAD_DATE, "'" + v + "' is not a valid timestamp");
    }
  }

  private static ZoneOffset offset(String text) {
    if (text.equalsIgnoreCase("Z")) {
      return ZoneOffset.UTC;
    }
    String digits = text.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    return text.charAt(0) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes) : ZoneOffset.ofHoursMinutes(hours, minutes);
  }

  private static String currency(String v) throws BadValue {
    if (!CURRENCY.matcher(v).matches()) {
      throw new BadValue(RejectReason.UNKNOWN_CURRENCY, "'" + v + "' is not an ISO 4217 currency code");
    }
    return v.toUpperCase(Locale.ROOT);
  }
}

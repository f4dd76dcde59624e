package com.saleslift.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A month option: YYYY-MM with a month 01-12, or one line saying so (never Java's exception text). */
final class MonthOption implements ITypeConverter<YearMonth> {
  @Override
  public YearMonth convert(String value) {
    try {
      if (value.matches("\\d{4}-\\d{2}")) {
        return YearMonth.parse(value);
      }
    } catch (DateTimeParseException notAMonth) {
      throw new TypeConversionException("'" + value + "' is not a month of the year; expected YYYY-MM, e.g. 2026-03");
    }
    throw new TypeConversionException("'" + value + "' is not a month of the form YYYY-MM, e.g. 2026-03");
  }
}

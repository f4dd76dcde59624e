package com.saleslift.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A date option: YYYY-MM-DD and a real day, or one line saying so (never Java's exception text). */
final class DateOption implements ITypeConverter<LocalDate> {
  @Override
  public LocalDate convert(String value) {
    try {
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException notADay) {
      throw new TypeConversionException("'" + value + "' is not a day of the calendar; expected YYYY-MM-DD, e.g. 2026-11-30");
    }
    throw new TypeConversionException("'" + value + "' is not a date of the form YYYY-MM-DD, e.g. 2026-11-30");
  }
}

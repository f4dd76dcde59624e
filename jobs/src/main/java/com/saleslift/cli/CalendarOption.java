package com.saleslift.cli;

import java.time.format.DateTimeParseException;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A date or month option: its form (digits and dashes) and a real day or month of the calendar,
 * or one line saying which of the two is wrong and what is expected (never Java's exception text).
 */
abstract class CalendarOption<T> implements ITypeConverter<T> {
  private final String digits;
  private final Function<String, T> parse;
  private final String what;
  private final String real;
  private final String form;
  private final String example;

  /**
   * @param digits the form as a regular expression
   * @param what "a date": what a value of the wrong form is not
   * @param real "a day of the calendar": what a value of the right form but no such day is not
   */
  CalendarOption(String digits, Function<String, T> parse, String what, String real, String form, String example) {
    this.digits = digits;
    this.parse = parse;
    this.what = what;
    this.real = real;
    this.form = form;
    this.example = example;
  }

  @Override
  public T convert(String value) {
    if (!value.matches(digits)) {
      throw new TypeConversionException("'" + value + "' is not " + what + " of the form " + form + ", e.g. " + example);
    }
    try {
      return parse.apply(value);
    } catch (DateTimeParseException notReal) {
      throw new TypeConversionException("'" + value + "' is not " + real + "; expected " + form + ", e.g. " + example);
    }
  }
}

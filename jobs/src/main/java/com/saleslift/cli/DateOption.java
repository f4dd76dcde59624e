package com.saleslift.cli;

import java.time.LocalDate;

/** A date option: YYYY-MM-DD and a real day. */
final class DateOption extends CalendarOption<LocalDate> {
  DateOption() {
    super("\\d{4}-\\d{2}-\\d{2}", LocalDate::parse, "a date", "a day of the calendar", "YYYY-MM-DD", "2026-11-30");
  }
}

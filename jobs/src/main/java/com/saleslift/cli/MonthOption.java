package com.saleslift.cli;

import java.time.YearMonth;

/** A month option: YYYY-MM with a month 01-12. */
final class MonthOption extends CalendarOption<YearMonth> {
  MonthOption() {
    super("\\d{4}-\\d{2}", YearMonth::parse, "a month", "a month of the year", "YYYY-MM", "2026-03");
  }
}

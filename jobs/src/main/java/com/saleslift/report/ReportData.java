package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the report shows: the run's identity, what it covers (a nightly run, or an ad-hoc
 * window and filters), and its metric tables, as plain values.
 */
public record ReportData(String runId, String scope, LocalDate runDate, String firstMonth, String lastMonth,
    String baseCurrency, Map<String, ResultTable> tables) {

  public Optional<ResultTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The table when it has rows: what a takeaway needs before it can say anything. */
  public Optional<ResultTable> rows(String name) {
    return table(name).filter(t -> !t.rows().isEmpty());
  }
}

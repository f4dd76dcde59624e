package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the report shows, as plain values: the run's identity, what it covers (a nightly
 * run, or an ad-hoc window and filters), its metric tables, what validation saw of each input
 * table, and the previous nightly run to compare with (none for the first run or an ad-hoc one).
 */
public record ReportData(String runId, String scope, LocalDate runDate, String firstMonth, String lastMonth,
    String baseCurrency, Map<String, ResultTable> tables, List<InputQuality> inputs, Optional<PriorRun> previous) {

  /** One input table as validation saw it (run.json's `input_tables`). */
  public record InputQuality(String table, long read, long accepted, Map<String, Long> rejectedByReason,
      long duplicatesDropped, long future) {
    public long rejected() {
      return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The newest earlier nightly run: its identity and tables. */
  public record PriorRun(String runId, LocalDate runDate, Map<String, ResultTable> tables) {}

  public Optional<ResultTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The table when it has rows: what a takeaway needs before it can say anything. */
  public Optional<ResultTable> rows(String name) {
    return table(name).filter(t -> !t.rows().isEmpty());
  }
}

package com.saleslift.report;

import com.saleslift.table.DataSupport;
import com.saleslift.table.ResultTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the report shows, as plain values: the run's identity, what it covers (a nightly
 * run, or an ad-hoc window and filters), its metric tables, what validation saw of each input
 * table, the previous nightly run to compare with (none for the first run or an ad-hoc one), the
 * settings a reader needs to read the numbers, the data warnings nobody may miss, the shapes of
 * the data that change how numbers read (each a sentence), and which tables the input could not fill.
 */
public record ReportData(String runId, String scope, LocalDate runDate, String firstMonth, String lastMonth,
    String baseCurrency, Map<String, ResultTable> tables, List<InputQuality> inputs, Optional<PriorRun> previous,
    Settings settings, List<String> warnings, List<String> shapeWarnings, DataSupport support) {

  /** What the input tables' accepted rows can support, from what validation saw of each. */
  public static DataSupport supportOf(List<InputQuality> inputs) {
    Map<String, Long> accepted = new java.util.HashMap<>();
    inputs.forEach(q -> accepted.put(q.table(), q.accepted()));
    return DataSupport.of(accepted);
  }

  /**
   * @param reportingTimezone where days, months and quarters are cut
   * @param fiscalYearStartMonth 1-12
   * @param minGroupSize below this many accounts a figure is shown as small, not as a finding
   * @param runDateFrom `given`, `yesterday` or `input_end`
   * @param tolerances when a change since the previous run is real (`diff:`)
   * @param htmlAccounts whether report.html carries the account lists (`report.html_accounts`)
   */
  public record Settings(String reportingTimezone, int fiscalYearStartMonth, int minGroupSize, String runDateFrom,
      RunChanges.Tolerances tolerances, boolean htmlAccounts) {}

  /** One input table as validation saw it (run.json's `input_tables`). */
  public record InputQuality(String table, long read, long accepted, Map<String, Long> rejectedByReason,
      long duplicatesDropped, long future) {
    public long rejected() {
      return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The newest earlier nightly run in the run history: its identity, its tables, the rows
   * validation accepted per input table, and the tables it wrote that could not be read back
   * (left out of every comparison, never taken as empty).
   */
  public record PriorRun(String runId, LocalDate runDate, Map<String, ResultTable> tables, Map<String, Long> acceptedRows,
      java.util.Set<String> unreadable) {}

  /** What changed since the previous nightly run; empty without one. */
  public Optional<RunChanges> changes() {
    return previous.map(p -> RunChanges.between(new RunChanges.Side(p.runDate(), p.tables(), p.unreadable()),
        new RunChanges.Side(runDate, tables, java.util.Set.of()), settings.tolerances()));
  }

  public Optional<ResultTable> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The table when it has rows: what a takeaway needs before it can say anything. */
  public Optional<ResultTable> rows(String name) {
    return table(name).filter(t -> !t.rows().isEmpty());
  }
}

package com.saleslift.report;

import com.saleslift.metrics.CoreMetrics;
import com.saleslift.metrics.MetricTable;
import com.saleslift.table.DataSupport;
import com.saleslift.table.ResultTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small report whose answers were counted by hand, for report.html's tests. Every table of the
 * report is there (most with their header only); three are filled:
 * <ul>
 *   <li>accounts_to_engage: A1, A2, A3 in B2B MID (cell lift 0.30), A4, A5 in B2B ENT (0.42); A2's
 *       name is a script tag, A3's holds a quote and A1's an ampersand;</li>
 *   <li>accounts_at_risk: R1 B2B USAGE_DROP 500, R2 B2B NO_RECENT_USAGE 400, R3 B2C
 *       USAGE_DROP;CONTRACTION 300, R4 B2B USAGE_DROP 100;</li>
 *   <li>sales_lift: CONVERTED_180D for B2B ALL, B2B MID, B2B ENT (adds value) and B2C ALL (no clear effect).</li>
 * </ul>
 */
final class ReportFixture {
  static final String SCRIPT_NAME = "</script><img src=x onerror=alert(1)>";
  static final String QUOTE_NAME = "Quote \"Q\" Ltd";
  static final String AMPERSAND_NAME = "Acme & Sons";

  /** The `diff:` tolerances of the default configuration (1% of money, 1.0 point, 5 places). */
  static final RunChanges.Tolerances TOLERANCES = com.saleslift.run.RunDiff.tolerances(com.saleslift.config.SalesLiftConfig.defaults());

  private ReportFixture() {}

  static ReportData data(boolean htmlAccounts) {
    Map<String, ResultTable> tables = new LinkedHashMap<>();
    for (MetricTable t : CoreMetrics.TABLES) {
      tables.put(t.name(), new ResultTable(t.name(), t.columnNames(), List.of()));
    }
    fill(tables, "accounts_to_engage",
        row("rank", "1", "account_id", "A4", "account_name", "Delta", "segment", "B2B", "size_band", "ENT", "cell_adjusted_lift", "0.4200"),
        row("rank", "2", "account_id", "A5", "account_name", "Echo", "segment", "B2B", "size_band", "ENT", "cell_adjusted_lift", "0.4200"),
        row("rank", "3", "account_id", "A1", "account_name", AMPERSAND_NAME, "segment", "B2B", "size_band", "MID", "cell_adjusted_lift", "0.3000"),
        row("rank", "4", "account_id", "A2", "account_name", SCRIPT_NAME, "segment", "B2B", "size_band", "MID", "cell_adjusted_lift", "0.3000"),
        row("rank", "5", "account_id", "A3", "account_name", QUOTE_NAME, "segment", "B2B", "size_band", "MID", "cell_adjusted_lift", "0.3000"));
    fill(tables, "accounts_at_risk",
        row("account_id", "R1", "account_name", "Risky One", "segment", "B2B", "size_band", "MID", "mrr", "500.00", "signals", "USAGE_DROP"),
        row("account_id", "R2", "account_name", "Risky Two", "segment", "B2B", "size_band", "ENT", "mrr", "400.00", "signals", "NO_RECENT_USAGE"),
        row("account_id", "R3", "account_name", "Risky Three", "segment", "B2C", "size_band", "SMB", "mrr", "300.00",
            "signals", "USAGE_DROP;CONTRACTION"),
        row("account_id", "R4", "account_name", "Risky Four", "segment", "B2B", "size_band", "SMB", "mrr", "100.00", "signals", "USAGE_DROP"));
    fill(tables, "sales_lift",
        lift("B2B", "ALL", "0.3500", "0.2000", "0.5000", "ADDS_VALUE"),
        lift("B2B", "MID", "0.3000", "0.1000", "0.5000", "ADDS_VALUE"),
        lift("B2B", "ENT", "0.4200", "0.2000", "0.6000", "ADDS_VALUE"),
        lift("B2C", "ALL", "0.0100", "-0.0500", "0.0700", "NO_CLEAR_EFFECT"));
    return new ReportData("2026-10-31", "Nightly run", LocalDate.of(2026, 10, 31), "2025-11", "2026-10", "USD", tables, List.of(),
        Optional.empty(), new ReportData.Settings("UTC", 1, 20, "given", ReportFixture.TOLERANCES, htmlAccounts), List.of(),
        List.of(), new DataSupport(java.util.Set.of()));
  }

  private static Map<String, String> row(String... pairs) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put(pairs[i], pairs[i + 1]);
    }
    return row;
  }

  private static Map<String, String> lift(String segment, String band, String lift, String low, String high, String verdict) {
    return row("segment", segment, "size_band", band, "outcome", "CONVERTED_180D", "treated_n", "40", "control_n", "60",
        "adjusted_lift", lift, "ci_low", low, "ci_high", high, "verdict", verdict);
  }

  @SafeVarargs
  private static void fill(Map<String, ResultTable> tables, String name, Map<String, String>... rows) {
    ResultTable header = tables.get(name);
    List<List<String>> filled = new ArrayList<>();
    for (Map<String, String> r : rows) {
      filled.add(header.columns().stream().map(c -> r.getOrDefault(c, "")).toList());
    }
    tables.put(name, new ResultTable(name, header.columns(), filled));
  }
}

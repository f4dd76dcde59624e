package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Who to act on next: how many new accounts are worth a sales touch now, per segment and size
 * band where a touch is measured to raise conversion, with that lift. Counts only: the list that
 * names the accounts is metrics/accounts_to_engage.csv, for the CRM, never the report.
 */
public final class EngageChart implements ReportChart {
  static final String ACCOUNTS = "Accounts worth a touch now";

  @Override
  public String table() {
    return "accounts_to_engage";
  }

  @Override
  public String fileName() {
    return "who-to-act-on-next";
  }

  @Override
  public String title() {
    return "Who to act on next: new accounts where a touch is measured to pay off";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("accounts_to_engage").map(t -> createChart(createDataset(t)));
  }

  /** Accounts per cell ("B2B enterprise, +42.3 pts"), in the list's order (the largest lift first). */
  public static CategoryDataset createDataset(ResultTable list) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    cells(list).forEach((cell, n) -> dataset.addValue(n, ACCOUNTS, cell));
    return dataset;
  }

  public static JFreeChart createChart(CategoryDataset dataset) {
    JFreeChart chart = ChartTheme.bars(dataset, "Segment and size, with the lift of a touch on 180-day conversion",
        "Accounts", key -> ChartTheme.SALES_LED);
    chart.getCategoryPlot().setNoDataMessage("No segment where a touch is measured to raise conversion");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.table("accounts_to_engage");
    if (table.isEmpty() || table.get().rows().isEmpty()) {
      return "No new account to single out: no segment and size band shows a measured lift from a sales touch yet,"
          + " so the list metrics/accounts_to_engage.csv is empty.";
    }
    List<String> parts = new ArrayList<>();
    cells(table.get()).forEach((cell, n) -> parts.add(n + " in " + cell));
    return String.format(ChartTheme.LOCALE, "%d new accounts, untouched and not yet paying, are worth a sales touch now: %s."
        + " Their names, owners and ranks are in metrics/accounts_to_engage.csv for the CRM.", table.get().rows().size(),
        String.join(", ", parts));
  }

  /** The summary's line: "34 new accounts where a touch is measured to pay off; USD 12,345 of MRR shows churn signals." */
  static Optional<String> summaryLine(ReportData data) {
    List<String> parts = new ArrayList<>();
    List<String> files = new ArrayList<>();
    supported(data, "accounts_to_engage").ifPresent(t -> {
      parts.add(t.rows().size() + " new accounts where a touch is measured to pay off");
      files.add("metrics/accounts_to_engage.csv");
    });
    supported(data, "accounts_at_risk").ifPresent(t -> {
      parts.add(ChartTheme.formatMoney(RiskChart.atRisk(t), data.baseCurrency()) + " of MRR shows churn signals");
      files.add("metrics/accounts_at_risk.csv");
    });
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts) + " (" + String.join(", ", files) + ").");
  }

  /** A list the input could fill: one it cannot is said on its page, never counted as zero accounts. */
  private static Optional<ResultTable> supported(ReportData data, String list) {
    return data.table(list).filter(t -> data.support().supports(list));
  }

  /** Accounts per cell, labelled with the cell's lift in points, in the list's order. */
  private static Map<String, Long> cells(ResultTable list) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (List<String> row : list.rows()) {
      counts.merge(cell(list, row), 1L, Long::sum);
    }
    return counts;
  }

  /** "B2B enterprise, +42.3 pts": the bar an account of the list is counted in. */
  private static String cell(ResultTable list, List<String> row) {
    BigDecimal lift = list.number(row, "cell_adjusted_lift").orElse(BigDecimal.ZERO);
    return list.text(row, "segment") + " " + SalesLiftChart.size(list.text(row, "size_band")) + ", +"
        + lift.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " pts";
  }

  /** Each bar shows the accounts of its segment and size band. */
  @Override
  public Map<String, Drill> drills(ReportData data) {
    Map<String, Drill> drills = new LinkedHashMap<>();
    data.table("accounts_to_engage").ifPresent(list -> list.rows().forEach(row -> drills.put(cell(list, row),
        new Drill("accounts_to_engage", Map.of("segment", list.text(row, "segment"), "size_band", list.text(row, "size_band")), null))));
    return drills;
  }
}

package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * MRR at risk: the monthly revenue of paying accounts showing each churn signal, per segment.
 * Sums only: the accounts themselves are in metrics/accounts_at_risk.csv, never the report. An
 * account with two signals counts under both.
 */
public final class RiskChart implements ReportChart {
  static final List<String> SIGNALS = List.of("USAGE_DROP", "NO_RECENT_USAGE", "CONTRACTION", "BROKEN_PROMISE");
  private static final Map<String, String> WORDS = Map.of("USAGE_DROP", "Usage halved", "NO_RECENT_USAGE",
      "No usage in 28 days", "CONTRACTION", "Contracted", "BROKEN_PROMISE", "Promise broken");

  @Override
  public String table() {
    return "accounts_at_risk";
  }

  @Override
  public String fileName() {
    return "mrr-at-risk-by-signal";
  }

  @Override
  public String title() {
    return "MRR at risk: paying accounts with churn signals, by signal and segment";
  }

  @Override
  public Optional<JFreeChart> chart(ReportData data) {
    return data.table("accounts_at_risk").map(t -> createChart(createDataset(t), data.baseCurrency()));
  }

  /** MRR per signal (category) and segment (series). */
  public static CategoryDataset createDataset(ResultTable risk) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    bySegmentAndSignal(risk).forEach((segment, sums) -> {
      for (String signal : SIGNALS) {
        dataset.addValue(sums.getOrDefault(signal, BigDecimal.ZERO), segment, WORDS.get(signal));
      }
    });
    return dataset;
  }

  /** Each bar shows the accounts of its segment with its signal. */
  @Override
  public Map<String, Drill> drills(ReportData data) {
    Map<String, Drill> drills = new java.util.LinkedHashMap<>();
    data.table("accounts_at_risk").ifPresent(t -> bySegmentAndSignal(t).keySet().forEach(segment -> SIGNALS.forEach(signal ->
        drills.put(segment + "|" + WORDS.get(signal), new Drill("accounts_at_risk", Map.of("segment", segment), signal)))));
    return drills;
  }

  public static JFreeChart createChart(CategoryDataset dataset, String currency) {
    JFreeChart chart = ChartTheme.bars(dataset, "Signal", "MRR (" + currency + ")", key -> ChartTheme.nth(key.equals("B2B") ? 0 : 1));
    ChartTheme.moneyAxis((NumberAxis) chart.getCategoryPlot().getRangeAxis(), currency);
    chart.getCategoryPlot().setNoDataMessage("No paying account shows a churn signal");
    return chart;
  }

  @Override
  public String takeaway(ReportData data) {
    Optional<ResultTable> table = data.table("accounts_at_risk");
    if (table.isEmpty() || table.get().rows().isEmpty()) {
      return "No paying account shows a churn signal (usage halved or stopped, a contraction, a broken promise).";
    }
    ResultTable t = table.get();
    Map<String, BigDecimal> bySignal = new TreeMap<>();
    bySegmentAndSignal(t).values().forEach(sums -> sums.forEach((signal, mrr) -> bySignal.merge(signal, mrr, BigDecimal::add)));
    List<String> parts = new ArrayList<>();
    for (String signal : SIGNALS) {
      BigDecimal sum = bySignal.getOrDefault(signal, BigDecimal.ZERO);
      if (sum.signum() > 0) {
        parts.add(WORDS.get(signal).toLowerCase(ChartTheme.LOCALE) + " " + ChartTheme.formatMoney(sum, data.baseCurrency()));
      }
    }
    return String.format(ChartTheme.LOCALE, "%s of MRR in %d paying accounts shows churn signals: %s. The accounts, their"
        + " owners and their last sales contact are in metrics/accounts_at_risk.csv.",
        ChartTheme.formatMoney(atRisk(t), data.baseCurrency()), t.rows().size(), String.join(", ", parts));
  }

  /** MRR per segment and signal; an account with two signals counts under both. */
  private static Map<String, Map<String, BigDecimal>> bySegmentAndSignal(ResultTable risk) {
    Map<String, Map<String, BigDecimal>> bySegment = new TreeMap<>();
    for (List<String> row : risk.rows()) {
      BigDecimal mrr = risk.number(row, "mrr").orElse(BigDecimal.ZERO);
      for (String signal : risk.text(row, "signals").split(";")) {
        bySegment.computeIfAbsent(risk.text(row, "segment"), s -> new TreeMap<>()).merge(signal, mrr, BigDecimal::add);
      }
    }
    return bySegment;
  }

  static BigDecimal atRisk(ResultTable risk) {
    return Sums.total(risk, "mrr");
  }
}

package com.saleslift.report;

import com.saleslift.table.DataSupport;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The figures of the executive summary. Each is declared once as a reading of one run's tables
 * at a run date, `years` back; the same reading gives the figure now, in the previous nightly
 * run (its own tables at its own date) and a year before (these tables, one year back).
 */
public final class ExecutiveSummary {
  /**
   * MONEY an amount; RATE a share of a count (accounts, deals), whose noise is binomial; MONEY_RATIO
   * money over money in percent (NRR, GRR, quota attainment), whose noise is a tolerance in points.
   */
  public enum Unit {
    MONEY, RATE, MONEY_RATIO;

    /** A value as the report prints it: "EUR 12,345", "104.2%". */
    public String format(BigDecimal value, String currency) {
      return this == MONEY ? ChartTheme.formatMoney(value, currency) : ChartTheme.formatPercent(value);
    }

    /** A change with its sign: "+EUR 1,200", "-3.1 pts"; a rate's change is in percentage points. */
    public String formatChange(BigDecimal change, String currency) {
      String sign = change.signum() > 0 ? "+" : change.signum() < 0 ? "-" : "";
      return sign + (this == MONEY ? ChartTheme.formatMoney(change.abs(), currency)
          : change.abs().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " pts");
    }
  }

  /** How a figure is read from a run's tables at its run date, {@code years} years back. */
  @FunctionalInterface
  interface Reading {
    Optional<BigDecimal> at(Map<String, ResultTable> tables, LocalDate runDate, int years);
  }

  /**
   * One headline figure: its name, unit and reading; for a rate, also how many accounts (or deals)
   * it is a rate of ({@code base}), so that a year-ago rate over a handful is not read as a trend.
   */
  public record Figure(String name, Unit unit, Reading reading, Reading base) {
    Figure(String name, Unit unit, Reading reading) {
      this(name, unit, reading, (t, d, y) -> Optional.empty());
    }

    /** The name as a reader sees it at a run date: "last full month" becomes the month it is ("October 2026"). */
    public String title(LocalDate runDate) {
      return name.replace(LAST_FULL_MONTH, monthName(lastFullMonth(runDate)));
    }

    /** The name comparing two run dates: "Net new MRR, October 2026 against September 2026" when the month differs. */
    public String title(LocalDate runDate, LocalDate before) {
      YearMonth now = lastFullMonth(runDate);
      YearMonth then = lastFullMonth(before);
      return now.equals(then) || !name.contains(LAST_FULL_MONTH) ? title(runDate)
          : name.replace(LAST_FULL_MONTH, monthName(now) + " against " + monthName(then));
    }
  }

  private static final String LAST_FULL_MONTH = "last full month";

  /**
   * A figure's value now, and its change against the previous run and against a year before;
   * {@code yearBeforeBase} is the count a year-ago rate was taken over when it is too small to compare.
   */
  public record Line(Figure figure, Optional<BigDecimal> value, Optional<BigDecimal> vsPrevious, Optional<BigDecimal> vsYearBefore,
      Optional<Long> yearBeforeBase) {
    /** The value as the report prints it: "EUR 12,345", "104.2%", "n/a". */
    public String valueText(String currency) {
      return value.map(v -> figure.unit().format(v, currency)).orElse(ChartTheme.NOT_AVAILABLE);
    }

    /** The change against a year before, or "n/a (n = 2)" when the year-ago rate was over too few to compare. */
    public String yearBeforeText(String currency) {
      return yearBeforeBase.map(n -> ChartTheme.NOT_AVAILABLE + " (n = " + n + ")").orElseGet(() -> changeText(vsYearBefore, currency));
    }

    /**
     * One of this figure's changes ({@link #vsPrevious} or {@link #vsYearBefore}) with its sign:
     * "+EUR 1,200", "-3.1 pts"; a rate's change is in percentage points.
     */
    public String changeText(Optional<BigDecimal> change, String currency) {
      return change.map(c -> figure.unit().formatChange(c, currency)).orElse(ChartTheme.NOT_AVAILABLE);
    }
  }

  /** Page 2 is read in a minute: at most this many findings, one or two lines each. */
  static final int MAX_FINDINGS = 6;

  /** How many figures the run summary a scheduler's log ends with carries: revenue now, its change, retention. */
  static final int HEADLINE_FIGURES = 3;

  public static final List<Figure> FIGURES = List.of(
      new Figure("Current MRR", Unit.MONEY, (t, d, y) -> sum(t, "mrr_movements", "month",
          YearMonth.from(d).minusYears(y).toString(), "mrr_end")),
      new Figure("Net new MRR, " + LAST_FULL_MONTH, Unit.MONEY, (t, d, y) -> netNew(t, lastFullMonth(d).minusYears(y))),
      new Figure("NRR, 12 months", Unit.MONEY_RATIO, (t, d, y) -> ratio(t, "revenue_retention",
          month(lastFullMonth(d).minusYears(y)), "end_mrr", "start_mrr"),
          (t, d, y) -> total(t, "revenue_retention", month(lastFullMonth(d).minusYears(y)), "cohort_accounts")),
      new Figure("GRR, 12 months", Unit.MONEY_RATIO, (t, d, y) -> ratio(t, "revenue_retention",
          month(lastFullMonth(d).minusYears(y)), "capped_end_mrr", "start_mrr"),
          (t, d, y) -> total(t, "revenue_retention", month(lastFullMonth(d).minusYears(y)), "cohort_accounts")),
      new Figure("Activation rate, cohorts of the last 12 months", Unit.RATE, (t, d, y) -> ratio(t, "activation",
          cohortsOfYearTo(lastFullMonth(d).minusYears(y)), "activated", "started"),
          (t, d, y) -> total(t, "activation", cohortsOfYearTo(lastFullMonth(d).minusYears(y)), "started")),
      new Figure("Win rate, last 4 fiscal quarters", Unit.RATE, (t, d, y) -> t.containsKey("sales_funnel")
          ? ratio(t, "sales_funnel", lastFourQuarters(t.get("sales_funnel"), y), "won", "closed") : Optional.empty(),
          (t, d, y) -> t.containsKey("sales_funnel")
              ? total(t, "sales_funnel", lastFourQuarters(t.get("sales_funnel"), y), "closed") : Optional.empty()),
      new Figure("Team quota attainment, latest period", Unit.MONEY_RATIO, ExecutiveSummary::teamAttainment));

  private ExecutiveSummary() {}

  public static List<Line> lines(ReportData data) {
    List<Line> lines = new ArrayList<>();
    for (Figure f : FIGURES) {
      Optional<BigDecimal> now = f.reading().at(data.tables(), data.runDate(), 0);
      Optional<BigDecimal> previous = data.previous().flatMap(p -> f.reading().at(p.tables(), p.runDate(), 0));
      Optional<BigDecimal> yearBefore = f.reading().at(data.tables(), data.runDate(), 1);
      Optional<Long> smallBase = f.base().at(data.tables(), data.runDate(), 1).map(BigDecimal::longValue)
          .filter(n -> n < data.settings().minGroupSize());
      lines.add(new Line(f, now, difference(now, previous), difference(now, yearBefore), smallBase));
    }
    return lines;
  }

  /** The first figures as one line each, for the last lines a run prints: "Current MRR: EUR 12,345 (+EUR 1,200 vs previous run)". */
  public static List<String> headline(ReportData data) {
    return lines(data).subList(0, HEADLINE_FIGURES).stream().map(line -> line.figure().title(data.runDate()) + ": "
        + line.valueText(data.baseCurrency()) + (line.vsPrevious().isEmpty() ? ""
        : " (" + line.changeText(line.vsPrevious(), data.baseCurrency()) + " vs previous run)")).toList();
  }

  /**
   * At most six findings of one or two lines each, read in a minute: one line per segment on
   * where sales adds value (the strongest first: "B2B: a sales touch raises 180-day conversion by
   * 19.2 points (10.4 to 24.8); most in enterprise, +42.3."), how many new accounts are worth a
   * touch now, then revenue, retention, quota and activation; every cell and the other outcomes
   * are on the section pages. Nothing is said from a table the input cannot fill
   * ({@link ReportData#support()}); without CRM data the first finding says the channel is unknown.
   */
  public static List<String> findings(ReportData data) {
    List<String> findings = new ArrayList<>();
    if (!data.support().channelKnown()) {
      findings.add(capitalized(DataSupport.CHANNEL_UNKNOWN) + ".");
    }
    if (data.support().supports("sales_lift")) {
      findings.addAll(SalesLiftChart.segmentFindings(data));
    }
    HoldoutChart.finding(data).ifPresent(findings::add);
    EngageChart.summaryLine(data).ifPresent(findings::add);
    for (ReportChart chart : List.of(new MrrMovementsChart(), new RetentionChart(), new QuotaChart(), new ActivationChart())) {
      if (data.support().supports(chart.table())) {
        findings.add(chart.takeaway(data));
      }
    }
    return findings.subList(0, Math.min(MAX_FINDINGS, findings.size()));
  }

  private static String capitalized(String sentence) {
    return sentence.substring(0, 1).toUpperCase(ChartTheme.LOCALE) + sentence.substring(1);
  }

  /** "October 2026". */
  static String monthName(YearMonth month) {
    return month.format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", ChartTheme.LOCALE));
  }

  /** The run date's month when the run date is its last day, else the month before. */
  static YearMonth lastFullMonth(LocalDate runDate) {
    YearMonth month = YearMonth.from(runDate);
    return runDate.equals(month.atEndOfMonth()) ? month : month.minusMonths(1);
  }

  private static Predicate<String> month(YearMonth month) {
    return month.toString()::equals;
  }

  private static Predicate<String> cohortsOfYearTo(YearMonth last) {
    String first = last.minusMonths(11).toString();
    return m -> m.compareTo(first) >= 0 && m.compareTo(last.toString()) <= 0;
  }

  private static Optional<BigDecimal> sum(Map<String, ResultTable> tables, String name, String keyColumn, String key, String column) {
    ResultTable t = tables.get(name);
    if (t == null || t.rows().stream().noneMatch(r -> t.text(r, keyColumn).equals(key))) {
      return Optional.empty();
    }
    return Optional.of(Sums.total(t.filter(r -> t.text(r, keyColumn).equals(key)), column));
  }

  private static Optional<BigDecimal> netNew(Map<String, ResultTable> tables, YearMonth month) {
    Optional<BigDecimal> end = sum(tables, "mrr_movements", "month", month.toString(), "mrr_end");
    Optional<BigDecimal> start = sum(tables, "mrr_movements", "month", month.toString(), "mrr_start");
    return end.flatMap(e -> start.map(e::subtract));
  }

  /** The rows of a table whose first column is picked; empty without the table or such rows. */
  private static Optional<ResultTable> picked(Map<String, ResultTable> tables, String name, Predicate<String> keys) {
    ResultTable t = tables.get(name);
    if (t == null) {
      return Optional.empty();
    }
    String keyColumn = t.columns().get(0);
    ResultTable picked = t.filter(r -> keys.test(t.text(r, keyColumn)));
    return picked.rows().isEmpty() ? Optional.empty() : Optional.of(picked);
  }

  /** The sum of a column over the rows whose first column is picked; empty without rows. */
  private static Optional<BigDecimal> total(Map<String, ResultTable> tables, String name, Predicate<String> keys, String column) {
    return picked(tables, name, keys).map(p -> Sums.total(p, column));
  }

  /** A ratio of sums over the rows whose first column is picked; empty without rows or denominator. */
  private static Optional<BigDecimal> ratio(Map<String, ResultTable> tables, String name, Predicate<String> keys,
      String numerator, String denominator) {
    return picked(tables, name, keys)
        .flatMap(p -> Optional.ofNullable(Sums.ratio(Sums.total(p, numerator), Sums.total(p, denominator))));
  }

  /** The four latest fiscal quarters with closed deals, `years` fiscal years back (FY2026-Q2 -> FY2025-Q2). */
  private static Predicate<String> lastFourQuarters(ResultTable funnel, int years) {
    TreeSet<String> quarters = new TreeSet<>();
    funnel.rows().forEach(r -> quarters.add(funnel.text(r, "fiscal_quarter")));
    List<String> picked = new ArrayList<>();
    for (String q : quarters.descendingSet().stream().limit(4).toList()) {
      int year = Integer.parseInt(q.substring(2, 6));
      picked.add("FY" + (year - years) + q.substring(6));
    }
    return picked::contains;
  }

  /** As the quota page's takeaway: won over target of the TEAM targets of the latest period ended (else started). */
  private static Optional<BigDecimal> teamAttainment(Map<String, ResultTable> tables, LocalDate runDate, int years) {
    ResultTable quota = tables.get("quota_attainment");
    if (quota == null) {
      return Optional.empty();
    }
    ResultTable team = QuotaChart.inPeriod(quota, QuotaChart.period(quota, runDate.minusYears(years)))
        .filter(r -> quota.text(r, "target_type").equals("TEAM"));
    if (team.rows().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(Sums.ratio(Sums.total(team, "won_amount"), Sums.total(team, "target_amount")));
  }

  private static Optional<BigDecimal> difference(Optional<BigDecimal> now, Optional<BigDecimal> then) {
    return now.flatMap(n -> then.map(n::subtract));
  }
}

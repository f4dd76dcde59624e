package com.saleslift.table;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The window and filters of an ad-hoc run (docs/operations.md): keep the rows whose month, cohort month,
 * fiscal quarter or target period lies in [from, to] and whose segment and product match; a table
 * without such a column is not filtered on it. A fiscal quarter or a target period lies in the
 * window when any of its months does.
 */
public record TableWindow(YearMonth from, YearMonth to, Optional<String> segment, Optional<String> product,
    int fiscalYearStartMonth) {
  private static final Pattern QUARTER = Pattern.compile("FY(\\d{4})-Q([1-4])");

  public Map<String, ResultTable> apply(Map<String, ResultTable> tables) {
    Map<String, ResultTable> kept = new LinkedHashMap<>();
    tables.forEach((name, table) -> kept.put(name, apply(table)));
    return kept;
  }

  public ResultTable apply(ResultTable table) {
    List<String> columns = table.columns();
    return table.filter(row -> {
      for (String monthColumn : List.of("month", "cohort_month")) {
        if (columns.contains(monthColumn) && !inWindow(YearMonth.parse(table.text(row, monthColumn)))) {
          return false;
        }
      }
      if (columns.contains("fiscal_quarter") && !overlaps(quarterStart(table.text(row, "fiscal_quarter")), 3)) {
        return false;
      }
      if (columns.contains("period_start") && !periodOverlaps(LocalDate.parse(table.text(row, "period_start")),
          LocalDate.parse(table.text(row, "period_end")))) {
        return false;
      }
      if (segment.isPresent() && columns.contains("segment") && !table.text(row, "segment").equals(segment.get())) {
        return false;
      }
      return product.isEmpty() || !columns.contains("product_id") || table.text(row, "product_id").equals(product.get());
    });
  }

  /**
   * A row of the account-level MRR drill-down (no segment column) kept in the window: its month
   * ("2024-03") in the window, and its product the filter's, if any.
   */
  public boolean keepsDrillDownRow(String month, String productId) {
    return inWindow(YearMonth.parse(month)) && product.map(p -> p.equals(productId)).orElse(true);
  }

  /** `adhoc-<from>-<to>[-<segment>][-<product>]`, the product made safe for a folder name. */
  public String runId() {
    StringBuilder id = new StringBuilder("adhoc-").append(from).append('-').append(to);
    segment.ifPresent(s -> id.append('-').append(s));
    product.ifPresent(p -> id.append('-').append(p.replaceAll("[^A-Za-z0-9._-]", "_")));
    return id.toString();
  }

  /** "2024-03 to 2024-09, segment B2B, product core": how the report names what it shows. */
  public String describe() {
    StringBuilder text = new StringBuilder().append(from).append(" to ").append(to);
    segment.ifPresent(s -> text.append(", segment ").append(s));
    product.ifPresent(p -> text.append(", product ").append(p));
    return text.toString();
  }

  boolean inWindow(YearMonth month) {
    return !month.isBefore(from) && !month.isAfter(to);
  }

  private boolean overlaps(YearMonth first, int months) {
    return !first.isAfter(to) && !first.plusMonths(months - 1).isBefore(from);
  }

  private boolean periodOverlaps(LocalDate start, LocalDate endExclusive) {
    return !YearMonth.from(start).isAfter(to) && !YearMonth.from(endExclusive.minusDays(1)).isBefore(from);
  }

  /** The first month of "FY2025-Q1": the fiscal year ends in 2025 and starts in fiscalYearStartMonth. */
  YearMonth quarterStart(String label) {
    Matcher m = QUARTER.matcher(label);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a fiscal quarter: " + label);
    }
    int fiscalYear = Integer.parseInt(m.group(1));
    YearMonth yearStart = fiscalYearStartMonth == 1 ? YearMonth.of(fiscalYear, 1) : YearMonth.of(fiscalYear - 1, fiscalYearStartMonth);
    return yearStart.plusMonths(3L * (Integer.parseInt(m.group(2)) - 1));
  }
}

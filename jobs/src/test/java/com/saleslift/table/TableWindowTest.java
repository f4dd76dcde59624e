package com.saleslift.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableWindowTest {
  private final TableWindow marchToSeptember =
      new TableWindow(YearMonth.of(2024, 3), YearMonth.of(2024, 9), Optional.of("B2B"), Optional.of("core/v2"), 2);

  @Test
  void runIdNamesTheWindowAndFiltersSafely() {
    assertThat(marchToSeptember.runId()).isEqualTo("adhoc-2024-03-2024-09-B2B-core_v2");
    assertThat(new TableWindow(YearMonth.of(2024, 3), YearMonth.of(2024, 9), Optional.empty(), Optional.empty(), 1).runId())
        .isEqualTo("adhoc-2024-03-2024-09");
  }

  @Test
  void fiscalQuartersStartWhereTheFiscalYearSaysSo() {
    assertThat(marchToSeptember.quarterStart("FY2025-Q1")).isEqualTo(YearMonth.of(2024, 2));
    assertThat(marchToSeptember.quarterStart("FY2025-Q4")).isEqualTo(YearMonth.of(2024, 11));
    assertThat(new TableWindow(YearMonth.of(2024, 1), YearMonth.of(2024, 1), Optional.empty(), Optional.empty(), 1)
        .quarterStart("FY2024-Q2")).isEqualTo(YearMonth.of(2024, 4));
  }

  @Test
  void keepsRowsInTheWindowWithTheSegmentAndProduct() {
    ResultTable funnel = new ResultTable("sales_funnel", List.of("fiscal_quarter", "segment", "product_id"), List.of(
        List.of("FY2024-Q4", "B2B", "core/v2"),
        List.of("FY2025-Q1", "B2B", "core/v2"),
        List.of("FY2025-Q3", "B2B", "core/v2"),
        List.of("FY2025-Q4", "B2B", "core/v2"),
        List.of("FY2025-Q1", "B2C", "core/v2"),
        List.of("FY2025-Q1", "B2B", "other")));
    // FY2024-Q4 is Nov 2023 - Jan 2024: outside; FY2025-Q1 (Feb-Apr) and Q3 (Aug-Oct) overlap; Q4 does not.
    assertThat(marchToSeptember.apply(funnel).rows()).containsExactly(
        List.of("FY2025-Q1", "B2B", "core/v2"), List.of("FY2025-Q3", "B2B", "core/v2"));
    ResultTable quota = new ResultTable("quota_attainment", List.of("rep_id", "period_start", "period_end"), List.of(
        List.of("R1", "2024-02-01", "2024-03-01"),
        List.of("R2", "2024-09-01", "2024-10-01"),
        List.of("R3", "2024-10-01", "2025-01-01")));
    assertThat(marchToSeptember.apply(quota).rows()).extracting(r -> r.get(0)).containsExactly("R2");
    ResultTable noTime = new ResultTable("lifecycle", List.of("lifecycle_stage", "channel"), List.of(List.of("MATURE", "SALES_LED")));
    assertThat(marchToSeptember.apply(noTime).rows()).hasSize(1);
  }
}

package com.saleslift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary's figures on tables written by hand: now, against the previous run, and a year before. */
class ExecutiveSummaryTest {
  private static ResultTable table(String name, String header, String... rows) {
    return new ResultTable(name, List.of(header.split(",")), Arrays.stream(rows).map(r -> List.of(r.split(",", -1))).toList());
  }

  private static final String MOVEMENTS = "month,segment,channel,accounts_start,accounts_end,mrr_start,new,upsell,cross_sell,"
      + "reactivation,contraction,churn,mrr_end,upsell_sales_assisted,cross_sell_sales_assisted";

  /** Run date 2025-03-15: the month of the run is 2025-03 (current MRR), the last full month 2025-02. */
  private static Map<String, ResultTable> now() {
    Map<String, ResultTable> t = new HashMap<>();
    t.put("mrr_movements", table("mrr_movements", MOVEMENTS,
        "2024-02,B2B,SALES_LED,1,1,100.00,0,0,0,0,0,0,100.00,0,0",
        "2024-02,B2C,PRODUCT_LED,1,1,40.00,0,0,0,0,0,10.00,30.00,0,0",
        "2024-03,B2B,SALES_LED,1,1,100.00,0,0,0,0,0,0,100.00,0,0",
        "2025-02,B2B,SALES_LED,1,2,200.00,50.00,0,0,0,0,0,250.00,0,0",
        "2025-02,B2C,PRODUCT_LED,2,2,60.00,0,5.00,0,0,0,0,65.00,0,0",
        "2025-03,B2B,SALES_LED,2,2,250.00,0,0,0,0,0,0,250.00,0,0",
        "2025-03,B2C,PRODUCT_LED,2,3,65.00,20.00,0,0,0,0,0,85.00,0,0"));
    t.put("revenue_retention", table("revenue_retention",
        "month,segment,channel,cohort_accounts,start_mrr,end_mrr,capped_end_mrr,retained_accounts,nrr,grr,logo_retention",
        "2025-02,B2B,SALES_LED,1,100.00,130.00,100.00,1,1.3000,1.0000,1.0000",
        "2025-02,B2C,PRODUCT_LED,1,40.00,30.00,30.00,1,0.7500,0.7500,1.0000"));
    t.put("activation", table("activation",
        "cohort_month,segment,product_id,channel,started,activated,activation_rate,median_days_to_activate",
        "2024-02,B2B,p,SALES_LED,10,5,0.5000,1.0000",
        "2024-03,B2B,p,SALES_LED,4,4,1.0000,1.0000",
        "2025-01,B2B,p,SALES_LED,10,7,0.7000,1.0000",
        "2025-02,B2C,p,PRODUCT_LED,10,9,0.9000,1.0000"));
    t.put("sales_funnel", table("sales_funnel",
        "fiscal_quarter,segment,product_id,closed,won,lost,won_amount,closed_amount,win_rate_count,win_rate_amount,avg_deal_size,median_cycle_days",
        "FY2024-Q1,B2B,p,4,1,3,0,0,,,,",
        "FY2025-Q1,B2B,p,4,2,2,0,0,,,,",
        "FY2025-Q2,B2B,p,2,1,1,0,0,,,,",
        "FY2025-Q3,B2B,p,2,1,1,0,0,,,,",
        "FY2025-Q4,B2B,p,2,2,0,0,0,,,,"));
    t.put("quota_attainment", table("quota_attainment",
        "rep_id,level,area,product_id,target_type,period_start,period_end,team_size,target_amount,won_amount,attainment",
        "R1,DIRECTOR,NA,p,TEAM,2024-01-01,2024-02-01,3,1000.00,500.00,0.5000",
        "R1,DIRECTOR,NA,p,TEAM,2025-01-01,2025-02-01,3,1000.00,900.00,0.9000",
        "R2,MANAGER,NA,p,TEAM,2025-01-01,2025-02-01,2,500.00,300.00,0.6000",
        "R3,STAFF,NA,p,INDIVIDUAL,2025-01-01,2025-02-01,1,100.00,300.00,3.0000"));
    return t;
  }

  private static ReportData data(Optional<ReportData.PriorRun> previous) {
    return new ReportData("2025-03-15", "Nightly run", LocalDate.of(2025, 3, 15), "2024-02", "2025-03", "EUR", now(),
        List.of(), previous, new ReportData.Settings("UTC", 1, 20, "given", ReportFixture.TOLERANCES, true), List.of(), List.of(),
        new com.saleslift.table.DataSupport(java.util.Set.of()));
  }

  private static ExecutiveSummary.Line line(List<ExecutiveSummary.Line> lines, String name) {
    return lines.stream().filter(l -> l.figure().name().startsWith(name)).findFirst().orElseThrow();
  }

  private static BigDecimal dec(String v) {
    return new BigDecimal(v);
  }

  @Test
  void figuresNowAndAYearBefore() {
    List<ExecutiveSummary.Line> lines = ExecutiveSummary.lines(data(Optional.empty()));
    // MRR at the run date: 250 + 85; a year before (2024-03): 100.
    assertThat(line(lines, "Current MRR").value()).contains(dec("335.00"));
    assertThat(line(lines, "Current MRR").vsYearBefore()).contains(dec("235.00"));
    assertThat(line(lines, "Current MRR").vsPrevious()).isEmpty();
    // Last full month 2025-02: (250 + 65) - (200 + 60) = 55; 2024-02: 130 - 140 = -10.
    assertThat(line(lines, "Net new MRR").value()).contains(dec("55.00"));
    assertThat(line(lines, "Net new MRR").vsYearBefore()).contains(dec("65.00"));
    // NRR 2025-02: 160 / 140; GRR 130 / 140; no retention row for 2024-02.
    assertThat(line(lines, "NRR").value().map(v -> v.setScale(4, java.math.RoundingMode.HALF_UP))).contains(dec("1.1429"));
    assertThat(line(lines, "GRR").value().map(v -> v.setScale(4, java.math.RoundingMode.HALF_UP))).contains(dec("0.9286"));
    assertThat(line(lines, "NRR").vsYearBefore()).isEmpty();
    // Cohorts 2024-03 .. 2025-02: (4 + 7 + 9) / (4 + 10 + 10) = 20/24; a year before, 2023-03 .. 2024-02: 5/10.
    assertThat(line(lines, "Activation").value().map(v -> v.setScale(4, java.math.RoundingMode.HALF_UP))).contains(dec("0.8333"));
    assertThat(line(lines, "Activation").vsYearBefore().map(v -> v.setScale(4, java.math.RoundingMode.HALF_UP))).contains(dec("0.3333"));
    // The four latest quarters FY2025-Q1..Q4: 6 won of 10; a year before only FY2024-Q1: 1 of 4.
    assertThat(line(lines, "Win rate").value()).contains(dec("0.600000"));
    assertThat(line(lines, "Win rate").vsYearBefore()).contains(dec("0.350000"));
    // Team targets of the latest period ended (January 2025): (900 + 300) / (1000 + 500); January 2024: 500 / 1000.
    assertThat(line(lines, "Team quota").value()).contains(dec("0.800000"));
    assertThat(line(lines, "Team quota").vsYearBefore()).contains(dec("0.300000"));
    // A year-ago rate over fewer than min_group_size (20) is not a trend: 10 starts, 4 closed deals.
    assertThat(line(lines, "Activation").yearBeforeText("EUR")).isEqualTo("n/a (n = 10)");
    assertThat(line(lines, "Win rate").yearBeforeText("EUR")).isEqualTo("n/a (n = 4)");
    assertThat(line(lines, "Current MRR").yearBeforeText("EUR")).isEqualTo("+EUR 235");
    // The summary names the last full month of its run date.
    assertThat(line(lines, "Net new MRR").figure().title(LocalDate.of(2025, 3, 15))).isEqualTo("Net new MRR, February 2025");
    assertThat(line(lines, "Net new MRR").figure().title(LocalDate.of(2025, 3, 31))).isEqualTo("Net new MRR, March 2025");
  }

  @Test
  void changesAgainstThePreviousRunAreReadFromItsOwnTablesAtItsOwnDate() {
    Map<String, ResultTable> earlier = new HashMap<>();
    earlier.put("mrr_movements", table("mrr_movements", MOVEMENTS,
        "2025-02,B2B,SALES_LED,1,2,200.00,50.00,0,0,0,0,0,250.00,0,0",
        "2025-03,B2B,SALES_LED,2,2,250.00,0,0,0,0,0,20.00,230.00,0,0"));
    ReportData.PriorRun previous = new ReportData.PriorRun("2025-03-14", LocalDate.of(2025, 3, 14), earlier, Map.of(), java.util.Set.of());
    List<ExecutiveSummary.Line> lines = ExecutiveSummary.lines(data(Optional.of(previous)));
    // 335 now against 230 in the previous run's month of 2025-03.
    assertThat(line(lines, "Current MRR").vsPrevious()).contains(dec("105.00"));
    // Its last full month is 2025-02 too: 55 now against 50 then.
    assertThat(line(lines, "Net new MRR").vsPrevious()).contains(dec("5.00"));
    // It had no win-rate table: no change to show.
    assertThat(line(lines, "Win rate").vsPrevious()).isEmpty();
  }

  @Test
  void lastFullMonthIsTheRunMonthOnlyOnItsLastDay() {
    assertThat(ExecutiveSummary.lastFullMonth(LocalDate.of(2025, 2, 28))).hasToString("2025-02");
    assertThat(ExecutiveSummary.lastFullMonth(LocalDate.of(2025, 2, 27))).hasToString("2025-01");
  }
}

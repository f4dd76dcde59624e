package com.saleslift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

/** What each chart means (its dataset) and says (its takeaway), on tables written by hand. */
class ChartsTest {
  private static ResultTable table(String name, String header, String... rows) {
    return new ResultTable(name, List.of(header.split(",")),
        Arrays.stream(rows).map(r -> List.of(r.split(",", -1))).toList());
  }

  private static final ResultTable MOVEMENTS = table("mrr_movements",
      "month,segment,channel,accounts_start,accounts_end,mrr_start,new,upsell,cross_sell,reactivation,contraction,churn,mrr_end,upsell_sales_assisted,cross_sell_sales_assisted",
      "2024-01,B2B,SALES_LED,0,2,0.00,300.00,0.00,0.00,0.00,0.00,0.00,300.00,0.00,0.00",
      "2024-01,B2C,SALES_LED,0,1,0.00,20.00,0.00,0.00,0.00,0.00,0.00,20.00,0.00,0.00",
      "2024-02,B2B,SALES_LED,2,2,300.00,0.00,50.00,10.00,0.00,5.00,40.00,315.00,50.00,0.00",
      "2024-02,B2C,PRODUCT_LED,0,1,0.00,15.00,0.00,0.00,0.00,0.00,0.00,15.00,0.00,0.00");

  private static ReportData data(ResultTable... tables) {
    Map<String, ResultTable> byName = new java.util.HashMap<>();
    for (ResultTable t : tables) {
      byName.put(t.name(), t);
    }
    return new ReportData("2024-02-29", "Nightly run", LocalDate.of(2024, 2, 29), "2024-01", "2024-02", "EUR", byName,
        List.of(), java.util.Optional.empty(), new ReportData.Settings("UTC", 1, 20, "given", ReportFixture.TOLERANCES, true), List.of(), List.of(),
        new com.saleslift.table.DataSupport(java.util.Set.of()));
  }

  @Test
  void mrrMovementsStackGainsAboveAndLossesBelowPerChannel() {
    CategoryDataset d = MrrMovementsChart.createDataset(MOVEMENTS, LocalDate.of(2024, 2, 29));
    assertThat(d.getColumnKeys()).containsExactly("2024-01", "2024-02");
    assertThat(d.getValue(MrrMovementsChart.SALES_GAINS, "2024-01")).isEqualTo(new BigDecimal("320.00"));
    assertThat(d.getValue(MrrMovementsChart.SALES_GAINS, "2024-02")).isEqualTo(new BigDecimal("60.00"));
    assertThat(d.getValue(MrrMovementsChart.SALES_LOSSES, "2024-02")).isEqualTo(new BigDecimal("-45.00"));
    assertThat(d.getValue(MrrMovementsChart.PRODUCT_GAINS, "2024-02")).isEqualTo(new BigDecimal("15.00"));
    assertThat(new MrrMovementsChart().takeaway(data(MOVEMENTS))).isEqualTo(
        "Over 2024-01 to 2024-02, sales-led accounts added EUR 335 of net new MRR and product-led accounts EUR 15.");
  }

  @Test
  void theRunDatesUnfinishedMonthIsLabelledToDateAndDrawnFaded() {
    CategoryDataset d = MrrMovementsChart.createDataset(MOVEMENTS, LocalDate.of(2024, 2, 28));
    assertThat(d.getColumnKeys()).containsExactly("2024-01", "2024-02 (to date)");
    assertThat(d.getValue(MrrMovementsChart.SALES_GAINS, "2024-02 (to date)")).isEqualTo(new BigDecimal("60.00"));
    var renderer = MrrMovementsChart.createChart(d, "EUR").getCategoryPlot().getRenderer();
    assertThat(((java.awt.Color) renderer.getItemPaint(0, 0)).getAlpha()).isEqualTo(255);
    assertThat(((java.awt.Color) renderer.getItemPaint(0, 1)).getAlpha()).isLessThan(255);
    assertThat(RetentionChart.createDataset(table("revenue_retention",
        "month,segment,channel,cohort_accounts,start_mrr,end_mrr,capped_end_mrr,retained_accounts,nrr,grr,logo_retention",
        "2024-02,B2B,SALES_LED,2,300.00,360.00,280.00,2,1.2000,0.9333,1.0000"), LocalDate.of(2024, 2, 1)).getColumnKeys())
        .containsExactly("2024-02 (to date)");
  }

  @Test
  void whoToActOnNextCountsAccountsPerCellAndNamesNone() {
    ResultTable list = table("accounts_to_engage",
        "rank,account_id,account_name,owner_rep_id,segment,size_band,usage_band,early_events,created_at,touch_window_ends,"
            + "cell_adjusted_lift,cell_ci_low,cell_ci_high,cell_mrr_12m_lift",
        "1,A7,Acme,R1,B2B,ENT,HIGH,60,2026-09-21T08:06:59Z,2026-12-20,0.4228,0.2219,0.5674,3522.0940",
        "2,A3,Beta,R2,B2B,ENT,LOW,2,2026-09-30T16:31:00Z,2026-12-29,0.4228,0.2219,0.5674,3522.0940",
        "3,A9,Gamma,R1,B2B,MID,NONE,0,2026-09-22T08:33:20Z,2026-12-21,0.3057,0.1767,0.4178,");
    CategoryDataset d = EngageChart.createDataset(list);
    // 0.4228 is 42.28 points, 42.3 rounded half-up; 0.3057 is 30.6.
    assertThat(d.getColumnKeys()).containsExactly("B2B enterprise, +42.3 pts", "B2B mid-size, +30.6 pts");
    assertThat(d.getValue(EngageChart.ACCOUNTS, "B2B enterprise, +42.3 pts")).isEqualTo(2L);
    String takeaway = new EngageChart().takeaway(data(list));
    assertThat(takeaway).isEqualTo("3 new accounts, untouched and not yet paying, are worth a sales touch now: 2 in B2B"
        + " enterprise, +42.3 pts, 1 in B2B mid-size, +30.6 pts. Their names, owners and ranks are in"
        + " metrics/accounts_to_engage.csv for the CRM.");
    assertThat(takeaway).doesNotContain("A7", "Acme", "R1");
    assertThat(new EngageChart().takeaway(data(table("accounts_to_engage", "rank,account_id")))).startsWith(
        "No new account to single out");
  }

  @Test
  void mrrAtRiskSumsEachSignalPerSegmentAndNamesNoAccount() {
    ResultTable risk = table("accounts_at_risk",
        "account_id,account_name,owner_rep_id,segment,size_band,channel,mrr,events_last_28d,events_prior_28d,signals,"
            + "last_assisted_activity_at",
        "K1,Acme,R1,B2B,MID,SALES_LED,500.00,4,10,USAGE_DROP,",
        "K8,Beta,R2,B2B,SMB,PRODUCT_LED,50.00,0,12,USAGE_DROP;NO_RECENT_USAGE,",
        "K9,Gamma,,B2C,UNKNOWN,PRODUCT_LED,10.00,3,3,CONTRACTION,");
    CategoryDataset d = RiskChart.createDataset(risk);
    // K8 counts under both its signals.
    assertThat(d.getValue("B2B", "Usage halved")).isEqualTo(new BigDecimal("550.00"));
    assertThat(d.getValue("B2B", "No usage in 28 days")).isEqualTo(new BigDecimal("50.00"));
    assertThat(d.getValue("B2C", "Contracted")).isEqualTo(new BigDecimal("10.00"));
    assertThat(d.getValue("B2C", "Promise broken")).isEqualTo(BigDecimal.ZERO);
    String takeaway = new RiskChart().takeaway(data(risk));
    assertThat(takeaway).isEqualTo("EUR 560 of MRR in 3 paying accounts shows churn signals: usage halved EUR 550,"
        + " no usage in 28 days EUR 50, contracted EUR 10. The accounts, their owners and their last sales contact are in"
        + " metrics/accounts_at_risk.csv.");
    assertThat(takeaway).doesNotContain("K1", "Acme", "R1");
  }

  @Test
  void moneyAxesUseTheBaseCurrencyInEnglishWhateverTheJvmLocale() {
    var chart = MrrMovementsChart.createChart(MrrMovementsChart.createDataset(MOVEMENTS, LocalDate.of(2024, 2, 29)), "EUR");
    NumberAxis axis = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
    assertThat(axis.getNumberFormatOverride().format(12345.0)).isEqualTo("EUR 12,345");
    // Percent ticks keep a decimal on narrow ranges, so no two ticks read the same.
    assertThat(ChartTheme.percent().format(0.045)).isEqualTo("4.5%");
    assertThat(ChartTheme.percent().format(0.04)).isEqualTo("4%");
  }

  @Test
  void retentionIsARatioOfSumsNotAnAverageOfRatios() {
    ResultTable retention = table("revenue_retention",
        "month,segment,channel,cohort_accounts,start_mrr,end_mrr,capped_end_mrr,retained_accounts,nrr,grr,logo_retention",
        "2025-01,B2B,SALES_LED,2,300.00,360.00,280.00,2,1.2000,0.9333,1.0000",
        "2025-01,B2C,PRODUCT_LED,10,100.00,50.00,50.00,5,0.5000,0.5000,0.5000");
    CategoryDataset d = RetentionChart.createDataset(retention, LocalDate.of(2025, 1, 31));
    assertThat(d.getValue(RetentionChart.NRR, "2025-01")).isEqualTo(new BigDecimal("1.025000"));
    assertThat(d.getValue(RetentionChart.GRR, "2025-01")).isEqualTo(new BigDecimal("0.825000"));
    assertThat(new RetentionChart().takeaway(data(retention))).isEqualTo(
        "In 2025-01, NRR was 102.5% and GRR 82.5%; sales-led NRR 120.0% vs product-led 50.0%.");
  }

  @Test
  void activationPerSegmentAndChannelOverAllCohorts() {
    ResultTable activation = table("activation",
        "cohort_month,segment,product_id,channel,started,activated,activation_rate,median_days_to_activate",
        "2024-01,B2B,p,SALES_LED,4,3,0.7500,2.0000",
        "2024-02,B2B,q,SALES_LED,6,3,0.5000,1.0000",
        "2024-01,B2C,p,PRODUCT_LED,10,9,0.9000,0.5000");
    CategoryDataset d = ActivationChart.createDataset(activation);
    assertThat(d.getValue("Sales-led", "B2B")).isEqualTo(new BigDecimal("0.600000"));
    // 10 B2B sales-led starts and 10 B2C product-led: under a minimum of 11 both are grey and say their n; at 10, neither.
    var small = ActivationChart.createChart(d, ActivationChart.startedIn(activation), 11).getCategoryPlot();
    assertThat(small.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartTheme.SMALL_N);
    assertThat(small.getRenderer().getDefaultItemLabelGenerator().generateLabel(d, 0, 0)).isEqualTo("n = 10");
    var enough = ActivationChart.createChart(d, ActivationChart.startedIn(activation), 10).getCategoryPlot();
    assertThat(enough.getRenderer().getItemPaint(0, 0)).isEqualTo(ChartTheme.SALES_LED);
    assertThat(enough.getRenderer().getDefaultItemLabelGenerator().generateLabel(d, 0, 0)).isNull();
    assertThat(new ActivationChart().takeaway(data(activation))).isEqualTo(
        "Activation is highest for B2C product-led (90.0%) and lowest for B2B sales-led (60.0%).");
    // One group, or every group alike: nothing to rank.
    assertThat(new ActivationChart().takeaway(data(activation.filter(r -> r.get(1).equals("B2B"))))).isEqualTo(
        "Activation is 60.0% for B2B sales-led, the only group with decided cohorts.");
    ResultTable alike = table("activation",
        "cohort_month,segment,product_id,channel,started,activated,activation_rate,median_days_to_activate",
        "2024-01,B2B,p,SALES_LED,4,2,0.5000,2.0000",
        "2024-01,B2C,p,PRODUCT_LED,10,5,0.5000,0.5000");
    assertThat(new ActivationChart().takeaway(data(alike))).isEqualTo("Activation is 50.0% in every group.");
  }

  @Test
  void funnelWinRateAndWonAmountPerDealPerQuarter() {
    ResultTable funnel = table("sales_funnel",
        "fiscal_quarter,segment,product_id,closed,won,lost,won_amount,closed_amount,win_rate_count,win_rate_amount,avg_deal_size,median_cycle_days",
        "FY2024-Q4,B2B,p,4,1,3,1000.00,4000.00,0.2500,0.2500,1000.00,10.0000",
        "FY2025-Q1,B2B,p,2,1,1,3000.00,5000.00,0.5000,0.6000,3000.00,5.0000",
        "FY2025-Q1,B2C,p,2,2,0,100.00,100.00,1.0000,1.0000,50.00,1.0000");
    FunnelChart.Datasets d = FunnelChart.createDataset(funnel);
    assertThat(d.winRate().getValue(FunnelChart.WIN_RATE, "FY2025-Q1")).isEqualTo(new BigDecimal("0.750000"));
    assertThat(d.dealSize().getValue(FunnelChart.DEAL_SIZE, "FY2025-Q1")).isEqualTo(new BigDecimal("1033.333333"));
    assertThat(new FunnelChart().takeaway(data(funnel))).isEqualTo(
        "In FY2025-Q1 the win rate was 75.0% (25.0% in FY2024-Q4); won deals brought EUR 1,033 each on average.");
  }

  @Test
  void quotaUsesTheLatestEndedPeriodAndSumsWonOverTarget() {
    ResultTable quota = table("quota_attainment",
        "rep_id,level,area,product_id,target_type,period_start,period_end,team_size,target_amount,won_amount,attainment",
        "D,DIRECTOR,NA,p,TEAM,2024-01-01,2024-02-01,3,1000.00,900.00,0.9000",
        "E,EXEC,NA,p,INDIVIDUAL,2024-01-01,2024-02-01,1,400.00,500.00,1.2500",
        "S,STAFF,NA,p,INDIVIDUAL,2024-01-01,2024-02-01,1,600.00,300.00,0.5000",
        "S,STAFF,NA,p,INDIVIDUAL,2024-02-01,2024-03-01,1,600.00,0.00,0.0000");
    // On 2024-02-28 the February period has not ended: January is the latest ended one.
    var period = QuotaChart.period(quota, LocalDate.of(2024, 2, 28));
    CategoryDataset d = QuotaChart.createDataset(QuotaChart.inPeriod(quota, period));
    assertThat(d.getValue(QuotaChart.TEAM, "Director")).isEqualTo(new BigDecimal("0.900000"));
    assertThat(d.getValue(QuotaChart.INDIVIDUAL, "Staff")).isEqualTo(new BigDecimal("0.500000"));
    assertThat(d.getValue(QuotaChart.INDIVIDUAL, "Executive")).isEqualTo(new BigDecimal("1.250000"));
    // On the run date 2024-02-29 the February period is complete, and it has no team target.
    assertThat(new QuotaChart().takeaway(data(quota))).isEqualTo(
        "From 2024-02-01 to 2024-02-29, individuals reached 0.0% of their own (0 of 1 individual targets met).");
    ResultTable january = quota.filter(r -> r.get(5).equals("2024-01-01"));
    assertThat(new QuotaChart().takeaway(data(january))).isEqualTo(
        "From 2024-01-01 to 2024-01-31, teams reached 90.0% of their targets; individuals reached 80.0% of their own (1 of 2 individual targets met).");
  }

  @Test
  void withoutTargetsTheReportSaysSo() {
    assertThat(new QuotaChart().chart(data(MOVEMENTS))).isEmpty();
    assertThat(new QuotaChart().takeaway(data(MOVEMENTS))).isEqualTo("No targets table was given: quota attainment is not computed.");
  }

  private static final ResultTable LIFT = table("sales_lift",
      "segment,size_band,outcome,treated_n,control_n,excluded_early_touch,unmatched_treated,treated_mean,control_mean,naive_lift,adjusted_lift,ci_low,ci_high,verdict,sales_hours_per_treated,lift_per_sales_hour",
      "B2B,ALL,CONVERTED_180D,120,300,4,0,0.5000,0.2000,0.3000,0.1875,0.1100,0.2800,ADDS_VALUE,2.3000,0.0815",
      "B2B,ALL,MRR_12M,90,200,3,0,900.0000,500.0000,400.0000,120.5000,10.0000,300.0000,ADDS_VALUE,2.3000,52.3913",
      "B2B,ENT,CONVERTED_180D,40,60,1,2,0.4000,0.3000,0.1000,0.0500,-0.0840,0.2000,NO_CLEAR_EFFECT,3.0000,0.0167",
      "B2C,SMB,CONVERTED_180D,8,175,0,0,0.3750,0.2114,0.1636,0.1234,-0.2414,0.5057,INSUFFICIENT_DATA,1.0000,0.1234");

  @Test
  void salesLiftPlotsEachCellsIntervalWithTheNaiveDifferenceBesideItInPoints() {
    List<String> cells = SalesLiftChart.cells(LIFT);
    assertThat(cells).containsExactly("B2B|ALL", "B2B|ENT", "B2C|SMB");
    var panel = SalesLiftChart.createDataset(LIFT, "CONVERTED_180D", cells);
    var conversion = panel.intervals();
    // Interval series: judged cells, cells with too few accounts; beside them the naive differences.
    assertThat(conversion.getItemCount(0)).isEqualTo(2);
    assertThat(conversion.getXValue(0, 0)).isEqualTo(18.75);
    assertThat(conversion.getStartXValue(0, 0)).isCloseTo(11.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(conversion.getEndXValue(0, 0)).isCloseTo(28.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(conversion.getYValue(0, 1)).isEqualTo(1.0);
    assertThat(conversion.getItemCount(1)).isEqualTo(1);
    assertThat(conversion.getYValue(1, 0)).isEqualTo(2.0);
    assertThat(panel.naive().getItemCount(0)).isEqualTo(3);
    assertThat(panel.naive().getXValue(0, 0)).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(panel.naive().getYValue(0, 0)).isEqualTo(0.3);
    var mrr = SalesLiftChart.createDataset(LIFT, "MRR_12M", cells);
    assertThat(mrr.intervals().getXValue(0, 0)).isEqualTo(120.5);
    assertThat(SalesLiftChart.createChart(java.util.Map.of("MRR_12M", mrr), List.of("B2B all sizes", "B2B enterprise",
        "B2C small"), "EUR").getPlot()).isNotNull();
  }

  @Test
  void salesLiftSaysWhereATouchPaysWhatItCostsAndWhereTheDataCannotTell() {
    assertThat(new SalesLiftChart().takeaway(data(LIFT))).isEqualTo(
        "In B2B all sizes, a sales touch raises 180-day conversion by 18.8 points (11 to 28) for 2.3 sales hours per"
            + " touched account; touched minus untouched would have claimed 30."
            + " In B2B, no clear effect on 180-day conversion: enterprise (-8.4 to 20) points."
            + " In B2B all sizes, a sales touch raises MRR in month 12 by EUR 121 (EUR 10 to EUR 300)."
            + " Too few accounts to judge B2C small (8 touched, 175 untouched)."
            // Two judged conversion cells and the one MRR cell; B2C small's interval is not judged.
            + " The chart shows 3 intervals of 95%: about one in twenty may exclude zero by chance alone, so a single"
            + " clear cell among many is a lead to follow up, not a proof.");
    // The summary says it in a line per segment, the clear one first; the other outcomes stay on the section page.
    assertThat(ExecutiveSummary.findings(data(LIFT))).startsWith(
        "B2B: a sales touch raises 180-day conversion by 18.8 points (11 to 28).",
        "B2C: too few touched or untouched accounts to judge a sales touch yet.");
  }

  @Test
  void theSummarySaysEachSegmentInOneLineTheStrongestClearEffectFirst() {
    ResultTable lift = table("sales_lift", "segment,size_band,outcome,treated_n,control_n,adjusted_lift,ci_low,ci_high,verdict",
        "B2B,ALL,CONVERTED_180D,300,600,0.1920,0.1040,0.2480,ADDS_VALUE",
        "B2B,MID,CONVERTED_180D,100,200,0.3060,0.1770,0.4180,ADDS_VALUE",
        "B2B,ENT,CONVERTED_180D,50,90,0.4230,0.2220,0.5670,ADDS_VALUE",
        "B2C,ALL,CONVERTED_180D,80,900,-0.0240,-0.0900,0.1720,NO_CLEAR_EFFECT",
        "B2C,SMB,CONVERTED_180D,60,700,0.5000,0.1000,0.9000,ADDS_VALUE");
    // B2C small's 50 points are the largest clear effect, so B2C comes first; B2B's all-sizes effect leads its line.
    assertThat(SalesLiftChart.segmentFindings(data(lift))).containsExactly(
        "B2C: a sales touch raises 180-day conversion by 50 points in small (10 to 90); over all sizes no clear effect (-9 to 17.2).",
        "B2B: a sales touch raises 180-day conversion by 19.2 points (10.4 to 24.8); most in enterprise, +42.3.");
  }

  private static final String HOLDOUT_HEADER = "segment,size_band,listed_accounts,holdout_accounts,listed_decided,holdout_decided,"
      + "listed_conversion,holdout_conversion,itt_lift,ci_low,ci_high,listed_touched_share,holdout_touched_share,observational_lift,"
      + "srm_p_value,mde,verdict";
  private static final String B2B_HOLDOUT = "B2B,ALL,200,50,150,40,0.3000,0.2000,0.1000,0.0100,0.1900,0.6000,0.1000,0.1500,0.7000,0.0800,ADDS_VALUE";
  private static final String ENT_HOLDOUT = "B2B,ENT,20,5,10,3,0.4000,0.3333,0.0667,-0.3000,0.4000,0.6000,0.0000,0.2000,0.5000,0.5000,TOO_EARLY";
  private static final String MID_HOLDOUT = "B2B,MID,100,25,100,30,0.3000,0.2700,0.0300,-0.0500,0.1100,0.6000,0.1000,0.1000,0.6000,0.1200,NO_CLEAR_EFFECT";
  private static final String B2C_HOLDOUT = "B2C,ALL,60,40,30,20,0.1000,0.1000,0.0000,-0.1000,0.1000,0.5000,0.0500,,0.0000,0.2000,SAMPLE_RATIO_MISMATCH";

  @Test
  void doesTheListWorkSaysPerCellTheAnswerOrHowFarItIs() {
    ResultTable holdout = table("holdout_lift", HOLDOUT_HEADER, B2B_HOLDOUT, ENT_HOLDOUT, MID_HOLDOUT, B2C_HOLDOUT);
    String takeaway = new HoldoutChart().takeaway(data(holdout));
    // The difference per touch: 0.1 over a touched gap of 0.6 - 0.1 = 0.5: +20 points.
    assertThat(takeaway).contains("B2B all sizes (150 v 40): +10 points (1 to 19); reps touched 60.0% of listed and 10.0% of"
        + " held out: about +20 points a touch, +15 from history.");
    assertThat(takeaway).contains("B2B mid-size (100 v 30): no clear difference yet, +3 points (-5 to 11); only about 12 points"
        + " or more would show at these sizes.");
    assertThat(takeaway).contains("B2B enterprise: too early to tell: 3 of the 5 held-out accounts and 10 of the 20 listed ones"
        + " have had 180 days; 20 a side are needed.");
    assertThat(takeaway).contains("B2C all sizes: 60 listed and 40 held-out accounts are not the split the share gives"
        + " (p < 0.001); no result is read from it.");
    assertThat(takeaway).doesNotContain("In every cell the arms' sizes");
    // A broken assignment outranks any result on page 2.
    assertThat(HoldoutChart.finding(data(holdout))).contains("The holdout's arms are not the sizes its share gives in B2C all sizes"
        + " (sample-ratio p < 0.001): check how accounts are assigned before trusting the experiment.");
    ResultTable sound = table("holdout_lift", HOLDOUT_HEADER, B2B_HOLDOUT, ENT_HOLDOUT);
    assertThat(HoldoutChart.finding(data(sound))).contains("The holdout proves the list in B2B all sizes: accounts given to reps"
        + " converted 10 points more than held-out ones (1 to 19).");
    assertThat(ExecutiveSummary.findings(data(sound))).contains(HoldoutChart.finding(data(sound)).orElseThrow());
    assertThat(new HoldoutChart().takeaway(data(sound))).contains("In every cell the arms' sizes are what the holdout's share gives");
    // Two judged cells of three (enterprise is too early): one in twenty of them may mislead by chance.
    assertThat(new HoldoutChart().takeaway(data(table("holdout_lift", HOLDOUT_HEADER, B2B_HOLDOUT, ENT_HOLDOUT, MID_HOLDOUT))))
        .endsWith("The chart shows 2 intervals of 95%: about one in twenty may exclude zero by chance alone, so a single clear"
            + " cell among many is a lead to follow up, not a proof.");
    assertThat(new HoldoutChart().takeaway(data(sound))).doesNotContain("one in twenty");
  }

  @Test
  void withoutAHoldoutThePageSaysWhatOneWouldShowAndPageTwoSaysNothing() {
    assertThat(new HoldoutChart().takeaway(data())).startsWith("No account has been held out yet: with experiment.holdout_share set");
    assertThat(HoldoutChart.finding(data())).isEmpty();
    ResultTable tooEarly = table("holdout_lift", HOLDOUT_HEADER, ENT_HOLDOUT);
    assertThat(HoldoutChart.finding(data(tooEarly))).isEmpty();
    // A segment held in one size band: its all-sizes row says the same, and only the band is told.
    ResultTable oneBand = table("holdout_lift", HOLDOUT_HEADER, B2B_HOLDOUT, B2B_HOLDOUT.replace("B2B,ALL,", "B2B,ENT,"));
    assertThat(new HoldoutChart().takeaway(data(oneBand))).contains("B2B enterprise (150 v 40)").doesNotContain("B2B all sizes");
  }

  @Test
  void theRandomizedDifferenceSitsBesideTheLikeForLikeLiftOfItsCell() {
    ResultTable holdout = table("holdout_lift", HOLDOUT_HEADER, B2B_HOLDOUT, ENT_HOLDOUT);
    ResultTable lift = table("sales_lift", "segment,size_band,outcome,adjusted_lift,ci_low,ci_high",
        "B2B,ALL,CONVERTED_180D,0.1500,0.0500,0.2500", "B2B,ALL,MRR_12M,300.0000,100.0000,500.0000");
    org.jfree.data.xy.XYIntervalSeriesCollection d = HoldoutChart.createDataset(holdout, java.util.Optional.of(lift));
    // Series 0: judged cells; 1: not judged yet; 2: the like-for-like lift, a third of a row below its cell.
    assertThat(d.getItemCount(0)).isEqualTo(1);
    assertThat(d.getXValue(0, 0)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.getStartXValue(0, 0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.getEndXValue(0, 0)).isCloseTo(19.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.getItemCount(1)).isEqualTo(1);
    assertThat(d.getYValue(1, 0)).isEqualTo(1.0);
    assertThat(d.getItemCount(2)).isEqualTo(1);
    assertThat(d.getXValue(2, 0)).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.getYValue(2, 0)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
  }
}

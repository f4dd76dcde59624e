package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.table.ResultTable;
import com.saleslift.validate.TableReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real export's mess in one fixture: reports cut in New York, naive timestamps written in
 * Berlin, a fiscal year from February, EUR beside USD with two rates, an opportunity re-exported
 * with a newer version and an identical copy. Every value worked out by hand.
 */
class MessyExportTest {
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);
  @TempDir
  static Path dir;
  static Path input;
  static Map<String, ResultTable> tables;

  @BeforeAll
  static void fixture() {
    input = new InputFolder(dir)
        .config("""
            base_currency: USD
            reporting_timezone: America/New_York
            source_timezone: Europe/Berlin
            fiscal_year_start_month: 2
            """)
        .table("accounts", "M1,,B2B,250,,,,,2024-01-05 23:30:00")
        .table("fx_rates", """
            EUR,2024-04-01,1.10
            EUR,2024-04-30,1.20
            """)
        .table("opportunities", """
            P1,M1,R1,p,NEW_BUSINESS,Negotiation,false,false,900,EUR,,2024-01-10 10:00:00,,2024-04-01 09:00:00
            P1,M1,R1,p,NEW_BUSINESS,Closed Won,true,true,1000,EUR,,2024-01-10 10:00:00,2024-04-30,2024-05-01T08:00:00+02:00
            P1,M1,R1,p,NEW_BUSINESS,Closed Won,true,true,1000,EUR,,2024-01-10 10:00:00,2024-04-30,2024-05-01T08:00:00+02:00
            P2,M1,R1,p,UPSELL,Closed Won,true,true,500,USD,,2024-05-01T03:30:00Z,2024-05-01,
            """)
        .table("subscriptions", "S1,M1,p,,,100,EUR,2024-05-01,")
        .table("usage_events", """
            e1,2024-04-30 23:30:00,M1,,p,open
            e2,2024-05-01T05:30:00+02:00,M1,,p,open
            """)
        .write();
    tables = Pipeline.metrics(input, RUN);
  }

  @Test
  void reExportsKeepTheNewestVersionAndCountTheRest() {
    TableReport opportunities = Pipeline.validate(input, RUN).reports().get(CanonicalTable.OPPORTUNITIES);
    assertThat(opportunities.read()).isEqualTo(4);
    assertThat(opportunities.duplicatesDropped()).isEqualTo(2);
    assertThat(opportunities.accepted()).isEqualTo(2);
    assertThat(opportunities.rejectedTotal()).isZero();
  }

  @Test
  void quartersOfAFebruaryFiscalYearAndEurosAtTheCloseDateRate() {
    // P1: 1000 EUR at the 2024-04-30 rate 1.20; April is the last month of FY2025-Q1.
    // Its cycle: 2024-01-10 10:00 Berlin (09:00Z) to 2024-04-30 00:00 New York (04:00Z) = 111 days - 5 h.
    // P2: created 2024-05-01 03:30Z, closed 2024-05-01 (04:00Z in New York): half an hour.
    assertThat(Pipeline.lines(tables.get("sales_funnel"))).containsExactly(
        "fiscal_quarter,segment,product_id,closed,won,lost,won_amount,closed_amount,win_rate_count,win_rate_amount,avg_deal_size,median_cycle_days",
        "FY2025-Q1,B2B,p,1,1,0,1200.00,1200.00,1.0000,1.0000,1200.00,110.7917",
        "FY2025-Q2,B2B,p,1,1,0,500.00,500.00,1.0000,1.0000,500.00,0.0208");
  }

  @Test
  void subscriptionsConvertOnceAtTheirStartDate() {
    // 100 EUR from 2024-05-01 at the latest rate on or before it (1.20): 120 USD.
    assertThat(Pipeline.lines(tables.get("mrr_movements"))).containsExactly(
        "month,segment,channel,accounts_start,accounts_end,mrr_start,new,upsell,cross_sell,reactivation,contraction,churn,mrr_end,upsell_sales_assisted,cross_sell_sales_assisted",
        "2024-05,B2B,SALES_LED,0,1,0.00,120.00,0.00,0.00,0.00,0.00,0.00,120.00,0.00,0.00",
        "2024-06,B2B,SALES_LED,1,1,120.00,0.00,0.00,0.00,0.00,0.00,0.00,120.00,0.00,0.00");
  }

  @Test
  void anInstantNearMidnightLandsInTheMonthOfTheReportingZone() {
    // e1 is 2024-04-30 21:30Z; e2 is 2024-05-01 03:30Z, still April 30 in New York: cohort April.
    assertThat(Pipeline.lines(tables.get("activation"))).containsExactly(
        "cohort_month,segment,product_id,channel,started,activated,activation_rate,median_days_to_activate",
        "2024-04,B2B,p,SALES_LED,1,1,1.0000,0.0000");
  }
}

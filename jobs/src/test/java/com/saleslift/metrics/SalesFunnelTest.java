package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fiscal year starting in February; a NULL amount; an open deal; a close after the run date. */
class SalesFunnelTest {
  @TempDir
  Path dir;

  @Test
  void winRatesDealSizeAndCyclePerFiscalQuarter() {
    Path input = new InputFolder(dir)
        .config("fiscal_year_start_month: 2\n")
        .table("accounts", """
            D1,,B2B,,,,,,2023-12-01T00:00:00Z
            D2,,B2C,,,,,,2023-12-01T00:00:00Z
            """)
        .table("opportunities", """
            O1,D1,R1,p,NEW_BUSINESS,,true,true,1000,,,2024-01-01T00:00:00Z,2024-01-31,
            O2,D1,R1,p,NEW_BUSINESS,,true,true,,,,2024-02-01T00:00:00Z,2024-02-11,
            O3,D1,R1,p,UPSELL,,true,true,3000,,,2024-02-01T12:00:00Z,2024-03-01,
            O4,D1,R1,p,NEW_BUSINESS,,true,false,2000,,,2024-03-01T00:00:00Z,2024-04-30,
            O5,D1,R1,p,NEW_BUSINESS,,false,false,5000,,,2024-03-01T00:00:00Z,,
            O6,D1,R1,p,NEW_BUSINESS,,true,true,7000,,,2024-06-01T00:00:00Z,2024-07-15,
            O7,D2,R1,p,NEW_BUSINESS,,yes,no,,,,2024-04-01T00:00:00Z,2024-05-02,
            """)
        .write();
    // FY2025 runs Feb 2024 - Jan 2025. Cycles of won deals: O2 10 days, O3 28.5 days (leap February).
    assertThat(Pipeline.lines(Pipeline.metrics(input, LocalDate.of(2024, 6, 30)).get("sales_funnel"))).containsExactly(
        "fiscal_quarter,segment,product_id,closed,won,lost,won_amount,closed_amount,win_rate_count,win_rate_amount,avg_deal_size,median_cycle_days",
        "FY2024-Q4,B2B,p,1,1,0,1000.00,1000.00,1.0000,1.0000,1000.00,30.0000",
        "FY2025-Q1,B2B,p,3,2,1,3000.00,5000.00,0.6667,0.6000,3000.00,19.2500",
        "FY2025-Q2,B2C,p,1,0,1,0.00,0.00,0.0000,,,");
  }
}

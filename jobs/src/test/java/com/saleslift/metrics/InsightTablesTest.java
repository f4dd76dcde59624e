package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.table.ResultTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The insight tables on one small company, values worked out by hand. A1 (B2B) was called and
 * shown a demo before paying; A2 (B2B) got a mailer and an e-mail, paid, churned; A3 (B2C) paid
 * late, met a rep only after paying; A4 (B2C) is too young to judge. Run date 2025-06-30, UTC,
 * calendar quarters, activation on first use.
 */
class InsightTablesTest {
  static final LocalDate RUN = LocalDate.of(2025, 6, 30);
  @TempDir
  static Path dir;
  static Map<String, ResultTable> tables;

  @BeforeAll
  static void fixture() {
    Path input = new InputFolder(dir)
        .table("accounts", """
            A1,,B2B,,,,,,2024-01-01T00:00:00Z
            A2,,B2B,,,,,,2024-01-01T00:00:00Z
            A3,,B2C,,,,,,2024-01-01T00:00:00Z
            A4,,B2C,,,,,,2025-03-01T00:00:00Z
            """)
        .table("subscriptions", """
            S1,A1,p,,,100,,2024-02-01,
            S2,A2,p,,,50,,2024-03-15,2024-06-01
            S3,A3,q,,,10,,2024-09-01,
            """)
        .table("usage_events", """
            e1,2024-01-10T00:00:00Z,A1,,p,open
            e2,2024-03-20T12:00:00Z,A2,,p,open
            e3,2024-09-03T00:00:00Z,A3,,q,open
            e4,2025-06-25T00:00:00Z,A4,,p,open
            """)
        .table("activities", """
            T1,R1,A1,,CALL,2024-01-05T10:00:00Z,30
            T2,R1,A1,O1,DEMO,2024-01-20T10:00:00Z,90
            T3,R1,A2,,MAILER,2024-02-01T10:00:00Z,
            T4,R1,A2,,EMAIL,2024-03-01T10:00:00Z,6
            T5,R1,A3,,MEETING,2024-10-01T10:00:00Z,60
            """)
        .table("opportunities", """
            O1,A1,R1,p,NEW_BUSINESS,,true,true,1200,,,2024-01-15T00:00:00Z,2024-03-25,
            O2,A2,R1,p,NEW_BUSINESS,,true,true,600,,,2024-02-01T00:00:00Z,2024-02-10,
            O3,A1,R1,q,UPSELL,,true,true,300,,,2024-12-01T00:00:00Z,2025-01-10,
            O4,A3,R1,p,NEW_BUSINESS,,true,false,500,,,2025-05-01T00:00:00Z,2025-06-20,
            """)
        .table("feature_requests", """
            F1,A1,p,2024-03-01T00:00:00Z,R1,SALES,2024-04-01,SHIPPED,2024-03-25,2024-03-30T00:00:00Z
            F2,A2,p,2024-02-01T00:00:00Z,R1,SALES,2024-03-01,SHIPPED,2024-04-10,2024-04-20T00:00:00Z
            F3,A1,q,2025-05-01T00:00:00Z,,SUPPORT,2025-06-15,PLANNED,,
            F4,A3,q,2025-06-01T00:00:00Z,,IN_APP,2025-07-15,OPEN,,
            F5,A1,p,2024-06-01T00:00:00Z,,SUPPORT,,SHIPPED,2025-07-05,
            """)
        .write();
    tables = Pipeline.metrics(input, RUN);
  }

  @Test
  void activityEffectivenessBesideTheDealsWonThatQuarter() {
    // FY2024-Q1 has two won B2B deals (O1, O2); the demo T2 is linked to O1. O3's quarter has no activity.
    assertThat(Pipeline.lines(tables.get("activity_effectiveness"))).containsExactly(
        "fiscal_quarter,segment,activity_type,activities,hours,accounts_touched,won_deals,activities_on_won,activities_per_won_deal",
        "FY2024-Q1,B2B,CALL,1,0.5000,1,2,0,0.0000",
        "FY2024-Q1,B2B,DEMO,1,1.5000,1,2,1,0.5000",
        "FY2024-Q1,B2B,EMAIL,1,0.1000,1,2,0,0.0000",
        "FY2024-Q1,B2B,MAILER,1,0.0000,1,2,0,0.0000",
        "FY2024-Q4,B2C,MEETING,1,1.0000,1,0,0,");
  }

  @Test
  void onboardingDaysFromFirstPaymentToActivationNeverBelowZero() {
    // A1 activated 22 days before paying: 0. A2: 5.5 days. A3: 2 days.
    assertThat(Pipeline.lines(tables.get("onboarding"))).containsExactly(
        "segment,channel,accounts,median_days_to_activate_after_paid,p75_days",
        "B2B,SALES_LED,2,2.7500,4.1250",
        "B2C,PRODUCT_LED,1,2.0000,2.0000");
  }

  @Test
  void quarterEndDealsAndTheirChurn180DaysLater() {
    // O1 closed 2024-03-25, inside the 14 days before 2024-04-01; O2's account had no MRR in 2024-08.
    assertThat(Pipeline.lines(tables.get("quarter_end_deals"))).containsExactly(
        "segment,timing,deals,avg_deal_size,churned_180d,churn_rate_180d",
        "B2B,EARLIER,1,600.00,1,1.0000",
        "B2B,QUARTER_END,1,1200.00,0,0.0000");
  }

  @Test
  void outreachStyleBeforePayingAgainstConversionAndTheYearAfter() {
    // A1 consultative, converted in 31 days, still 100 a year on; A2 cold, converted, 0 a year on;
    // A3's only meeting came after paying (244 days in): NONE, not converted. A4 is too young.
    assertThat(Pipeline.lines(tables.get("outreach_mix"))).containsExactly(
        "segment,outreach_style,accounts,conversion_rate_180d,logo_retention_12m,nrr_12m",
        "B2B,COLD,1,1.0000,0.0000,0.0000",
        "B2B,CONSULTATIVE,1,1.0000,1.0000,1.0000",
        "B2C,NONE,1,0.0000,,");
  }

  @Test
  void promisesKeptBrokenPendingAndWhoLeft() {
    // F1 kept (24 days, told in 5); F2 shipped late (69 days, told in 10); F3 not shipped past its
    // date; F4 not due yet; F5 ships after the run date. Only A1 qualifies for the churn rate.
    assertThat(Pipeline.lines(tables.get("feature_requests"))).containsExactly(
        "segment,promise_status,requests,accounts,median_days_to_ship,notified_within_7d_rate,account_churn_12m_rate",
        "B2B,BROKEN,2,2,69.0000,0.0000,",
        "B2B,KEPT,1,1,24.0000,1.0000,0.0000",
        "B2B,NO_PROMISE,1,1,,,0.0000",
        "B2C,PENDING,1,1,,,");
  }

  @Test
  void lifecycleStageByChannel() {
    assertThat(Pipeline.lines(tables.get("lifecycle"))).containsExactly(
        "lifecycle_stage,channel,products,won_amount,new_mrr,activation_rate",
        "GROWTH,PRODUCT_LED,1,0.00,10.00,1.0000",
        "GROWTH,SALES_LED,1,300.00,0.00,",
        "MATURE,PRODUCT_LED,1,0.00,0.00,",
        "MATURE,SALES_LED,1,1800.00,150.00,1.0000");
  }
}

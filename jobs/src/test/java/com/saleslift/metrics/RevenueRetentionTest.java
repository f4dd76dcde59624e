package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 2024-01 cohort seen in 2025-01: one upsold, one churned, one contracted; a later account stays out. */
class RevenueRetentionTest {
  @TempDir
  Path dir;

  @Test
  void nrrGrrAndLogoRetentionOfTheCohortTwelveMonthsEarlier() {
    Path input = new InputFolder(dir)
        .table("accounts", """
            B1,,B2B,,,,,,2023-12-01T00:00:00Z
            B2,,B2B,,,,,,2023-12-01T00:00:00Z
            B3,,B2B,,,,,,2023-12-01T00:00:00Z
            B4,,B2B,,,,,,2023-12-01T00:00:00Z
            """)
        .table("subscriptions", """
            S1,B1,p,,,100,,2024-01-01,2024-12-01
            S1,B1,p,,,150,,2024-12-01,
            S2,B2,p,,,50,,2024-01-01,2024-06-01
            S3,B3,p,,,200,,2024-01-01,2024-10-01
            S3,B3,p,,,120,,2024-10-01,
            S4,B4,p,,,70,,2024-05-01,
            """)
        .write();
    // start 100+50+200 = 350; end 150+0+120 = 270; capped min(150,100)+0+min(120,200) = 220. No CRM rows: channel UNKNOWN.
    assertThat(Pipeline.lines(Pipeline.metrics(input, LocalDate.of(2025, 1, 31)).get("revenue_retention"))).containsExactly(
        "month,segment,channel,cohort_accounts,start_mrr,end_mrr,capped_end_mrr,retained_accounts,nrr,grr,logo_retention",
        "2025-01,B2B,UNKNOWN,3,350.00,270.00,220.00,2,0.7714,0.6286,0.6667");
  }
}

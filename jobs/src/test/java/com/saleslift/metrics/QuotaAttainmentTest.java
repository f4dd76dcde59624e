package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Director D > managers M, M2 > exec E > staff S. Team targets count everyone below the rep;
 * a close on period_end is outside; another product does not count; EUR converts at its date.
 */
class QuotaAttainmentTest {
  @TempDir
  Path dir;

  @Test
  void individualAndTeamTargetsDownAThreeLevelHierarchy() {
    Path input = new InputFolder(dir)
        .table("reps", """
            D,,DIRECTOR,,NA,,
            M,,MANAGER,D,NA,,
            M2,,MANAGER,D,NA,,
            E,,EXEC,M,NA,,
            S,,STAFF,E,NA,,
            """)
        .table("accounts", "X,,B2B,,,,,,2023-12-01T00:00:00Z")
        .table("fx_rates", """
            EUR,2023-12-29,1.10
            EUR,2024-02-01,1.20
            """)
        .table("targets", """
            S,p,INDIVIDUAL,2024-01-01,2024-04-01,1000,
            E,p,INDIVIDUAL,2024-01-01,2024-04-01,2000,USD
            E,p,TEAM,2024-01-01,2024-04-01,2500,
            M,p,TEAM,2024-01-01,2024-04-01,4000,
            D,p,TEAM,2024-01-01,2024-04-01,5000,EUR
            """)
        .table("opportunities", """
            O1,X,S,p,NEW_BUSINESS,,true,true,600,,,2024-01-02T00:00:00Z,2024-01-10,
            O2,X,S,p,NEW_BUSINESS,,true,true,500,,,2024-01-02T00:00:00Z,2024-04-01,
            O3,X,E,p,NEW_BUSINESS,,true,true,1500,,,2024-01-02T00:00:00Z,2024-03-31,
            O4,X,M,p,UPSELL,,true,true,300,,,2024-01-02T00:00:00Z,2024-02-02,
            O5,X,M2,p,NEW_BUSINESS,,true,true,700,EUR,,2024-01-02T00:00:00Z,2024-02-03,
            O6,X,S,q,NEW_BUSINESS,,true,true,999,,,2024-01-02T00:00:00Z,2024-02-03,
            O7,X,D,p,NEW_BUSINESS,,true,false,5000,,,2024-01-02T00:00:00Z,2024-02-03,
            """)
        .write();
    // D: 600 + 1500 + 300 + 700 EUR x 1.20 = 3240 over 5000 EUR x 1.10 = 5500.
    assertThat(Pipeline.lines(Pipeline.metrics(input, LocalDate.of(2024, 6, 30)).get("quota_attainment"))).containsExactly(
        "rep_id,level,area,product_id,target_type,period_start,period_end,team_size,target_amount,won_amount,attainment",
        "D,DIRECTOR,NA,p,TEAM,2024-01-01,2024-04-01,5,5500.00,3240.00,0.5891",
        "E,EXEC,NA,p,INDIVIDUAL,2024-01-01,2024-04-01,1,2000.00,1500.00,0.7500",
        "E,EXEC,NA,p,TEAM,2024-01-01,2024-04-01,2,2500.00,2100.00,0.8400",
        "M,MANAGER,NA,p,TEAM,2024-01-01,2024-04-01,3,4000.00,2400.00,0.6000",
        "S,STAFF,NA,p,INDIVIDUAL,2024-01-01,2024-04-01,1,1000.00,600.00,0.6000");
  }
}

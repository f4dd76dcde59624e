package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.metrics.HoldoutAssignment.Arm;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.model.Model;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * holdout_lift worked out by hand. Run date 2025-06-30 (UTC); every account but L5 was created
 * 2024-01-01T00:00Z and logged on 2024-01-08 with a share of 0.5; touch window [7, 90) days.
 *
 * <pre>
 * B2B MID  arm      paid        conv  touched (assisted, from 2024-01-08 to day 90)
 * L1       LISTED   2024-02-01  1     yes (CALL 01-15)
 * L2       LISTED   never       0     yes (MEETING 01-20)
 * L3       LISTED   2024-03-01  1     no
 * L4       LISTED   never       0     no (its CALL on 01-05 came before it was listed)
 * L5       LISTED   -           -     created 2025-03-01: its 180 days have not ended
 * H1       HOLDOUT  2024-05-01  1     no
 * H2       HOLDOUT  never       0     yes (CALL 02-01: reps found it anyway)
 * H3       HOLDOUT  never       0     no (its CALL on day 95 is after the window)
 * H4       HOLDOUT  2024-08-01  0     no (paid on day 213)
 * </pre>
 * Listed: 2 of 4 decided converted (0.5), 2 of 4 touched; held out: 1 of 4 (0.25), 1 of 4.
 * itt_lift 0.25. Arms 5 and 4 against a share of 0.5: chi-square (4 - 4.5)^2 / 4.5 + (5 -
 * 4.5)^2 / 4.5 = 1/9, p = erfc(sqrt(1/18)) = 0.7389. Pooled conversion 3/8: mde = 2.801585 x
 * sqrt(3/8 x 5/8 x (1/4 + 1/4)) = 0.9591.
 *
 * <p>B2C SMB: a hundred logged accounts the input does not hold (so none decided), 60 listed and
 * 40 held out under a share of 0.2: chi-square (40 - 20)^2 / 20 + (60 - 80)^2 / 80 = 25, p =
 * 5.7e-7: the arms were tampered with, whatever else the cell says.
 */
class HoldoutLiftTest {
  static final LocalDate RUN = LocalDate.of(2025, 6, 30);
  @TempDir
  static Path dir;
  static ResultTable table;

  @BeforeAll
  static void fixture() {
    Path input = new InputFolder(dir)
        .config("""
            lift:
              bootstrap_replicates: 50
              min_group_size: 5
              seed: 42
            """)
        .table("accounts", """
            L1,,B2B,500,,,,,2024-01-01T00:00:00Z
            L2,,B2B,500,,,,,2024-01-01T00:00:00Z
            L3,,B2B,500,,,,,2024-01-01T00:00:00Z
            L4,,B2B,500,,,,,2024-01-01T00:00:00Z
            L5,,B2B,500,,,,,2025-03-01T00:00:00Z
            H1,,B2B,500,,,,,2024-01-01T00:00:00Z
            H2,,B2B,500,,,,,2024-01-01T00:00:00Z
            H3,,B2B,500,,,,,2024-01-01T00:00:00Z
            H4,,B2B,500,,,,,2024-01-01T00:00:00Z
            """)
        .table("usage_events", """
            e1,2024-01-02T00:00:00Z,L1,,p,open
            """)
        .table("activities", """
            T1,R1,L1,,CALL,2024-01-15T00:00:00Z,30
            T2,R1,L2,,MEETING,2024-01-20T00:00:00Z,60
            T3,R1,L4,,CALL,2024-01-05T00:00:00Z,10
            T4,R1,H2,,CALL,2024-02-01T00:00:00Z,20
            T5,R1,H3,,CALL,2024-04-05T00:00:00Z,20
            T6,R1,L3,,EMAIL,2024-01-20T00:00:00Z,5
            """)
        .table("subscriptions", """
            S1,L1,p,,,100,,2024-02-01,
            S2,L3,p,,,100,,2024-03-01,
            S3,H1,p,,,100,,2024-05-01,
            S4,H4,p,,,100,,2024-08-01,
            """)
        .write();
    SparkSession spark = SparkTestSession.get();
    Model model = Pipeline.model(input, RUN);
    List<Assignment> log = new ArrayList<>();
    for (String id : List.of("L1", "L2", "L3", "L4", "H1", "H2", "H3", "H4")) {
      log.add(new Assignment(id, id.startsWith("L") ? Arm.LISTED : Arm.HOLDOUT, LocalDate.of(2024, 1, 8), "B2B", "MID",
          "saleslift", new BigDecimal("0.5")));
    }
    log.add(new Assignment("L5", Arm.LISTED, LocalDate.of(2025, 3, 8), "B2B", "MID", "saleslift", new BigDecimal("0.5")));
    for (int i = 0; i < 100; i++) {
      log.add(new Assignment("gone-" + i, i < 60 ? Arm.LISTED : Arm.HOLDOUT, LocalDate.of(2025, 1, 1), "B2C", "SMB", "saleslift",
          new BigDecimal("0.2")));
    }
    ResultTable salesLift = new ResultTable("sales_lift", List.of("segment", "size_band", "outcome", "adjusted_lift"), List.of(
        List.of("B2B", "ALL", "CONVERTED_180D", "0.2000"), List.of("B2B", "MID", "CONVERTED_180D", "0.1234"),
        List.of("B2B", "MID", "MRR_12M", "55.0000")));
    table = TableFormatter.format(HoldoutLift.TABLE, HoldoutLift.compute(
        HoldoutLift.accountArms(HoldoutLift.assignments(spark, log), model.accounts(), model.activities(), model.calendar(),
            Pipeline.config(input).lift()),
        HoldoutLift.observational(spark, salesLift), Pipeline.config(input).lift()));
  }

  @Test
  void armsConversionTouchesAndTheDifferenceMatchTheHandComputation() {
    List<String> mid = row("B2B", "MID");
    assertThat(mid.subList(0, 9)).containsExactly("B2B", "MID", "5", "4", "4", "4", "0.5000", "0.2500", "0.2500");
    assertThat(table.text(mid, "listed_touched_share")).isEqualTo("0.5000");
    assertThat(table.text(mid, "holdout_touched_share")).isEqualTo("0.2500");
    assertThat(table.text(mid, "observational_lift")).isEqualTo("0.1234");
    assertThat(table.text(mid, "srm_p_value")).isEqualTo("0.7389");
    assertThat(table.text(mid, "mde")).isEqualTo("0.9591");
    // Four decided accounts an arm, under a minimum group of five.
    assertThat(table.text(mid, "verdict")).isEqualTo("TOO_EARLY");
    BigDecimal low = table.number(mid, "ci_low").orElseThrow();
    BigDecimal high = table.number(mid, "ci_high").orElseThrow();
    assertThat(low).isLessThan(high);
    assertThat(low).isBetween(new BigDecimal("-1"), new BigDecimal("1"));
    // The segment's ALL row: the same accounts, the segment's own observational estimate.
    List<String> all = row("B2B", "ALL");
    assertThat(all.subList(2, 13)).isEqualTo(mid.subList(2, 13));
    assertThat(all.subList(13, 17)).containsExactly("0.2000", "0.7389", "0.9591", "TOO_EARLY");
  }

  @Test
  void armsSixtyFortyAgainstAFifthFailTheSampleRatioCheck() {
    List<String> smb = row("B2C", "SMB");
    assertThat(smb.subList(0, 6)).containsExactly("B2C", "SMB", "60", "40", "0", "0");
    assertThat(table.text(smb, "srm_p_value")).isEqualTo("0.0000");
    assertThat(table.text(smb, "verdict")).isEqualTo("SAMPLE_RATIO_MISMATCH");
    // No decided account: no conversion, no difference, no detectable effect yet.
    assertThat(table.text(smb, "itt_lift")).isEmpty();
    assertThat(table.text(smb, "mde")).isEmpty();
    assertThat(HoldoutLift.srmPValue(40L, 100L, new BigDecimal("20"))).isCloseTo(5.733e-7, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theCellsAreTheLoggedOnesAndTheirSegmentsAllRows() {
    assertThat(table.rows()).extracting(r -> r.get(0) + "/" + r.get(1))
        .containsExactly("B2B/ALL", "B2B/MID", "B2C/ALL", "B2C/SMB");
    assertThat(table.columns()).containsExactly("segment", "size_band", "listed_accounts", "holdout_accounts", "listed_decided",
        "holdout_decided", "listed_conversion", "holdout_conversion", "itt_lift", "ci_low", "ci_high", "listed_touched_share",
        "holdout_touched_share", "observational_lift", "srm_p_value", "mde", "verdict");
  }

  private static List<String> row(String segment, String band) {
    return table.rows().stream().filter(r -> r.get(0).equals(segment) && r.get(1).equals(band)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + segment + "/" + band + " in " + table.rows()));
  }
}

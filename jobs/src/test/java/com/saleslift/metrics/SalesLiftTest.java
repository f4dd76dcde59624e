package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sales_lift on eighteen accounts, worked out by hand. Every account but Y1 was created
 * 2024-01-01T00:00Z, so all three outcome windows have ended by the run date 2025-06-30 (UTC);
 * pre-period days [0, 7), touch window [7, 90).
 *
 * <pre>
 * B2B SMB  usage  group    paid        conv  MRR 2025-01  expanded  window minutes
 * B1       LOW    TREATED  2024-02-01  1     150 (upsell) 1         30 (CALL day 10)
 * B2       LOW    TREATED  never       0     0            0         60 (MEETING day 20; DEMO day 95 is outside)
 * B3       LOW    CONTROL  2024-03-01  1     50           0
 * B4       LOW    CONTROL  never       0     0            0         (an EMAIL is no sales touch)
 * B5       NONE   TREATED  2024-01-20  1     80           0         0 (CALL at exactly day 7, no duration; its event at day 7.5 is not early usage)
 * B6       NONE   CONTROL  never       0     0            0         (CALL at exactly day 90 is outside)
 * B7       NONE   CONTROL  2024-08-01  0     40           0         (paid on day 213)
 * B8       LOW    EARLY    2024-02-01  -     -            -         (CALL on day 3)
 * B9       MEDIUM TREATED  2024-02-15  1     200          0         45 (no untouched MEDIUM account: unmatched)
 * B2B MID
 * M1       LOW    TREATED  2024-04-01  1     300          0         20
 * M2       LOW    CONTROL  never       0     0            0
 * B2C UNKNOWN (no employees), all NONE
 * C1, C2   TREATED, paid 2024-02-01, churned 2024-06-01: conv 1, MRR 0; 15 minutes each
 * C3, C4   CONTROL, paid 2024-09-01: conv 0, MRR 10
 * </pre>
 */
class SalesLiftTest {
  static final LocalDate RUN = LocalDate.of(2025, 6, 30);
  static final String HEADER = "segment,size_band,outcome,treated_n,control_n,excluded_early_touch,unmatched_treated,"
      + "treated_mean,control_mean,naive_lift,adjusted_lift,ci_low,ci_high,verdict,sales_hours_per_treated,lift_per_sales_hour";
  @TempDir
  static Path dir;
  static ResultTable table;
  static Dataset<Row> outcomes;
  static SalesLiftConfig.Lift lift;

  @BeforeAll
  static void fixture() {
    StringBuilder busy = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      busy.append("b9-").append(i).append(",2024-01-03T0").append(i).append(":00:00Z,B9,,p,open\n");
    }
    Path input = new InputFolder(dir)
        .config("""
            lift:
              bootstrap_replicates: 50
              min_group_size: 2
              seed: 42
            """)
        .table("accounts", """
            B1,,B2B,50,,,,,2024-01-01T00:00:00Z
            B2,,B2B,50,,,,,2024-01-01T00:00:00Z
            B3,,B2B,50,,,,,2024-01-01T00:00:00Z
            B4,,B2B,50,,,,,2024-01-01T00:00:00Z
            B5,,B2B,50,,,,,2024-01-01T00:00:00Z
            B6,,B2B,50,,,,,2024-01-01T00:00:00Z
            B7,,B2B,50,,,,,2024-01-01T00:00:00Z
            B8,,B2B,50,,,,,2024-01-01T00:00:00Z
            B9,,B2B,50,,,,,2024-01-01T00:00:00Z
            M1,,B2B,500,,,,,2024-01-01T00:00:00Z
            M2,,B2B,500,,,,,2024-01-01T00:00:00Z
            C1,,B2C,,,,,,2024-01-01T00:00:00Z
            C2,,B2C,,,,,,2024-01-01T00:00:00Z
            C3,,B2C,,,,,,2024-01-01T00:00:00Z
            C4,,B2C,,,,,,2024-01-01T00:00:00Z
            Y1,,B2B,50,,,,,2025-03-01T00:00:00Z
            """)
        .table("usage_events", """
            e1,2024-01-02T00:00:00Z,B1,,p,open
            e2,2024-01-03T00:00:00Z,B2,,p,open
            e3,2024-01-02T00:00:00Z,B3,,p,open
            e4,2024-01-05T00:00:00Z,B3,,p,open
            e5,2024-01-02T00:00:00Z,B4,,p,open
            e6,2024-01-08T12:00:00Z,B5,,p,open
            e7,2024-01-02T00:00:00Z,B8,,p,open
            e8,2024-01-02T00:00:00Z,M1,,p,open
            e9,2024-01-06T23:00:00Z,M2,,p,open
            e10,2025-03-02T00:00:00Z,Y1,,p,open
            """ + busy)
        .table("activities", """
            T1,R1,B1,,CALL,2024-01-11T00:00:00Z,30
            T2,R1,B2,,MEETING,2024-01-21T00:00:00Z,60
            T3,R1,B2,,DEMO,2024-04-05T00:00:00Z,90
            T4,R1,B4,,EMAIL,2024-01-15T00:00:00Z,10
            T5,R1,B5,,CALL,2024-01-08T00:00:00Z,
            T6,R1,B6,,CALL,2024-03-31T00:00:00Z,20
            T7,R1,B8,,CALL,2024-01-04T00:00:00Z,15
            T8,R1,B8,,CALL,2024-01-11T00:00:00Z,25
            T9,R1,B9,,DEMO,2024-01-31T00:00:00Z,45
            T10,R1,M1,,CALL,2024-01-15T00:00:00Z,20
            T11,R1,C1,,CALL,2024-01-11T00:00:00Z,15
            T12,R1,C2,,CALL,2024-01-11T00:00:00Z,15
            T13,R1,Y1,,CALL,2025-03-20T00:00:00Z,15
            """)
        .table("subscriptions", """
            S1,B1,p,,,100,,2024-02-01,2024-06-01
            S2,B1,p,,,150,,2024-06-01,
            S3,B3,p,,,50,,2024-03-01,
            S4,B5,p,,,80,,2024-01-20,
            S5,B7,p,,,40,,2024-08-01,
            S6,B9,p,,,200,,2024-02-15,
            S7,M1,p,,,300,,2024-04-01,
            S8,C1,q,,,10,,2024-02-01,2024-06-01
            S9,C2,q,,,10,,2024-02-01,2024-06-01
            S10,C3,q,,,10,,2024-09-01,
            S11,C4,q,,,10,,2024-09-01,
            S12,B8,p,,,70,,2024-02-01,
            S13,Y1,p,,,70,,2025-04-01,
            """)
        .write();
    lift = Pipeline.config(input).lift();
    outcomes = Pipeline.salesLiftOutcomes(input, RUN);
    table = TableFormatter.format(SalesLift.TABLE, SalesLift.compute(outcomes, lift));
  }

  @Test
  void countsMeansNaiveAndAdjustedLiftMatchTheHandComputation() {
    // B2B ALL strata are size band x usage band: SMB/LOW 2 treated (diff 0), SMB/NONE 1 (diff 1),
    // MID/LOW 1 (diff 1), SMB/MEDIUM unmatched: adjusted conversion lift (0 + 1 + 1) / 4.
    // Hours: 155 minutes over 5 treated accounts; lift per hour 0.5 / (155 / 300).
    assertThat(pointColumns()).containsExactly(
        "B2B,ALL,CONVERTED_180D,5,5,1,1,0.8000,0.2000,0.6000,0.5000,0.5167,0.9677",
        "B2B,ALL,EXPANDED_12M,5,5,1,1,0.2000,0.0000,0.2000,0.2500,0.5167,0.4839",
        "B2B,ALL,MRR_12M,5,5,1,1,146.0000,18.0000,128.0000,115.0000,0.5167,222.5806",
        "B2B,MID,CONVERTED_180D,1,1,0,0,1.0000,0.0000,1.0000,1.0000,0.3333,3.0000",
        "B2B,MID,EXPANDED_12M,1,1,0,0,0.0000,0.0000,0.0000,0.0000,0.3333,0.0000",
        "B2B,MID,MRR_12M,1,1,0,0,300.0000,0.0000,300.0000,300.0000,0.3333,900.0000",
        "B2B,SMB,CONVERTED_180D,4,4,1,1,0.7500,0.2500,0.5000,0.3333,0.5625,0.5926",
        "B2B,SMB,EXPANDED_12M,4,4,1,1,0.2500,0.0000,0.2500,0.3333,0.5625,0.5926",
        "B2B,SMB,MRR_12M,4,4,1,1,107.5000,22.5000,85.0000,53.3333,0.5625,94.8148",
        "B2C,ALL,CONVERTED_180D,2,2,0,0,1.0000,0.0000,1.0000,1.0000,0.2500,4.0000",
        "B2C,ALL,EXPANDED_12M,2,2,0,0,0.0000,0.0000,0.0000,0.0000,0.2500,0.0000",
        "B2C,ALL,MRR_12M,2,2,0,0,0.0000,10.0000,-10.0000,-10.0000,0.2500,-40.0000",
        "B2C,UNKNOWN,CONVERTED_180D,2,2,0,0,1.0000,0.0000,1.0000,1.0000,0.2500,4.0000",
        "B2C,UNKNOWN,EXPANDED_12M,2,2,0,0,0.0000,0.0000,0.0000,0.0000,0.2500,0.0000",
        "B2C,UNKNOWN,MRR_12M,2,2,0,0,0.0000,10.0000,-10.0000,-10.0000,0.2500,-40.0000");
  }

  @Test
  void aConstantEffectHasAPointIntervalAndTheVerdictFollowsIt() {
    // In B2C every replicate that keeps both groups sees the same difference; B2B MID has one
    // account a side, below min_group_size 2, whatever its interval says.
    assertThat(intervalColumns("B2C", "UNKNOWN")).containsExactly(
        "CONVERTED_180D,1.0000,1.0000,ADDS_VALUE",
        "EXPANDED_12M,0.0000,0.0000,NO_CLEAR_EFFECT",
        "MRR_12M,-10.0000,-10.0000,SUBTRACTS_VALUE");
    assertThat(intervalColumns("B2B", "MID")).containsExactly(
        "CONVERTED_180D,1.0000,1.0000,INSUFFICIENT_DATA",
        "EXPANDED_12M,0.0000,0.0000,INSUFFICIENT_DATA",
        "MRR_12M,300.0000,300.0000,INSUFFICIENT_DATA");
  }

  @Test
  void aVaryingEffectGetsAnIntervalAndAVerdictThatReadsIt() {
    for (List<String> row : table.rows()) {
      if (!row.get(0).equals("B2B") || row.get(1).equals("MID")) {
        continue;
      }
      BigDecimal low = table.number(row, "ci_low").orElseThrow();
      BigDecimal high = table.number(row, "ci_high").orElseThrow();
      assertThat(low).isLessThanOrEqualTo(high);
      String expected = low.signum() > 0 ? "ADDS_VALUE" : high.signum() < 0 ? "SUBTRACTS_VALUE" : "NO_CLEAR_EFFECT";
      assertThat(table.text(row, "verdict")).as(row.toString()).isEqualTo(expected);
    }
    // A replicate can lose B1 and B4 (SMB/LOW reads -1) and B5 (NONE drops out): the
    // conversion estimate stays within [-1, 1], and the interval is not a point.
    List<String> smb = table.rows().stream()
        .filter(r -> r.get(0).equals("B2B") && r.get(1).equals("SMB") && r.get(2).equals("CONVERTED_180D")).findFirst().orElseThrow();
    BigDecimal low = table.number(smb, "ci_low").orElseThrow();
    BigDecimal high = table.number(smb, "ci_high").orElseThrow();
    assertThat(low).isBetween(BigDecimal.ONE.negate(), BigDecimal.ONE);
    assertThat(high).isBetween(BigDecimal.ONE.negate(), BigDecimal.ONE);
    assertThat(high.subtract(low)).isGreaterThan(new BigDecimal("0.3"));
  }

  @Test
  void replicateWeightsArePoissonOneAndDependOnlyOnSeedReplicateAndAccount() {
    long[] counts = new long[17];
    double sum = 0;
    double squares = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      int w = LiftBootstrap.poissonWeight(42, i % 200, "A" + i / 200);
      counts[w]++;
      sum += w;
      squares += (double) w * w;
    }
    double mean = sum / n;
    assertThat(mean).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(squares / n - mean * mean).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
    assertThat((double) counts[0] / n).isCloseTo(Math.exp(-1), org.assertj.core.data.Offset.offset(0.005));
    assertThat(LiftBootstrap.poissonWeight(42, 7, "A1")).isEqualTo(LiftBootstrap.poissonWeight(42, 7, "A1"));
  }

  @Test
  void replicateWeightsComeFromSparksXxhash64OfSeedReplicateAndAccount() {
    // The draw is the inverse Poisson(1) distribution function at the top 53 bits of Spark's
    // xxhash64(seed, replicate, account_id): computed here by Spark, the weights must agree.
    double[] cdf = new double[16];
    double term = Math.exp(-1);
    double total = 0;
    for (int k = 0; k < 16; k++) {
      total += term;
      cdf[k] = total;
      term /= k + 1;
    }
    List<Row> hashes = SparkTestSession.get().range(3_000)
        .selectExpr("cast(id % 201 as int) as replicate", "concat('acct-é', cast(id as string)) as account",
            "shiftrightunsigned(xxhash64(cast(99 as bigint), cast(id % 201 as int), concat('acct-é', cast(id as string))), 11) as bits")
        .collectAsList();
    for (Row h : hashes) {
      double uniform = h.getLong(2) * (1.0 / (1L << 53));
      int expected = 16;
      for (int k = 15; k >= 0; k--) {
        if (uniform < cdf[k]) {
          expected = k;
        }
      }
      assertThat(LiftBootstrap.poissonWeight(99, h.getInt(0), h.getString(1))).as(h.toString()).isEqualTo(expected);
    }
  }

  @Test
  void theSameInputAndSeedGiveTheSameTableHoweverSparkSplitsTheWork() {
    SparkSession spark = SparkTestSession.get();
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "7");
      ResultTable again = TableFormatter.format(SalesLift.TABLE, SalesLift.compute(outcomes.repartition(5), lift));
      assertThat(again.rows()).isEqualTo(table.rows());
    } finally {
      SparkTestSession.reset(spark);
    }
  }

  private static List<String> pointColumns() {
    return table.rows().stream().map(r -> String.join(",", r.subList(0, 11)) + "," + table.text(r, "sales_hours_per_treated")
        + "," + table.text(r, "lift_per_sales_hour")).toList();
  }

  private static List<String> intervalColumns(String segment, String band) {
    return table.rows().stream().filter(r -> r.get(0).equals(segment) && r.get(1).equals(band))
        .map(r -> r.get(2) + "," + table.text(r, "ci_low") + "," + table.text(r, "ci_high") + "," + table.text(r, "verdict"))
        .toList();
  }

  @Test
  void headerIsTheSpecsColumnList() {
    assertThat(String.join(",", table.columns())).isEqualTo(HEADER);
  }
}

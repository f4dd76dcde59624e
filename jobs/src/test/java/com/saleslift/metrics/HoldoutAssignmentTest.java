package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.metrics.HoldoutAssignment.Arm;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The holdout's arm, by the spec's definition, and the list reps are given. */
class HoldoutAssignmentTest {
  private static final BigDecimal FIFTH = new BigDecimal("0.2");

  /**
   * Golden values from Python, not from this code: {@code h = int.from_bytes(hashlib.sha256((salt
   * + ":" + id).encode("utf-8")).digest()[:8], "big")}, bucket {@code h % 10000}, HOLDOUT under
   * 2000 for a share of 0.2. Several h lie above 2^63, where a signed long would go negative.
   */
  @ParameterizedTest(name = "{0}:{1}")
  @CsvSource(delimiter = '|', textBlock = """
      saleslift | A00001             | 1835953149273576274  | 6274 | LISTED
      saleslift | A00002             | 4520564686950021710  | 1710 | HOLDOUT
      saleslift | A02153             | 821543905043790733   | 733  | HOLDOUT
      saleslift | 0015g00000XyZ12AAB | 8724939667022386687  | 6687 | LISTED
      saleslift | hubspot-9912       | 1870974774389385348  | 5348 | LISTED
      saleslift | ''                 | 1384130575010276221  | 6221 | LISTED
      saleslift | Ä-Kunde-7          | 2971379858848581221  | 1221 | HOLDOUT
      saleslift | acct 42            | 5580899255318015120  | 5120 | LISTED
      saleslift | A00164             | 12191951508710040067 | 67   | HOLDOUT
      saleslift | A99999             | 18317387930841082716 | 2716 | LISTED
      q4-2026   | A00001             | 18246873628880368626 | 8626 | LISTED
      q4-2026   | A00002             | 5329501473300275791  | 5791 | LISTED
      q4-2026   | A02153             | 4594909098969137331  | 7331 | LISTED
      q4-2026   | 0015g00000XyZ12AAB | 1206531920420091045  | 1045 | HOLDOUT
      pilot     | A00001             | 10603393067221417364 | 7364 | LISTED
      pilot     | 12345              | 14900094754635446411 | 6411 | LISTED
      pilot     | cus_NffrFeUfNV2Hib | 9594872306701458767  | 8767 | LISTED
      x         | A00001             | 11015927647744384134 | 4134 | LISTED
      S:a:l:t   | A00001             | 13070127354951639908 | 9908 | LISTED
      日本       | A00001             | 10053272854702559800 | 9800 | LISTED
      """)
  void theArmIsTheSpecsHashOfSaltAndId(String salt, String id, String h, int bucket, Arm arm) {
    assertThat(new java.math.BigInteger(h).mod(java.math.BigInteger.valueOf(10_000)).intValue()).isEqualTo(bucket);
    assertThat(HoldoutAssignment.bucket(salt, id)).isEqualTo(bucket);
    assertThat(HoldoutAssignment.arm(salt, id, FIFTH)).isEqualTo(arm);
  }

  @Test
  void theShareIsReadInTenThousandths() {
    // A00164 lies in bucket 67: held out from a share of 0.0068 (cut 68), listed at 0.0067 (cut 67).
    assertThat(HoldoutAssignment.arm("saleslift", "A00164", new BigDecimal("0.0068"))).isEqualTo(Arm.HOLDOUT);
    assertThat(HoldoutAssignment.arm("saleslift", "A00164", new BigDecimal("0.0067"))).isEqualTo(Arm.LISTED);
  }

  @Test
  void aHundredThousandIdsAreHeldOutWithinOnePointOfTheShare() {
    int held = 0;
    for (int i = 0; i < 100_000; i++) {
      if (HoldoutAssignment.arm("saleslift", String.format(java.util.Locale.ROOT, "A%06d", i), FIFTH) == Arm.HOLDOUT) {
        held++;
      }
    }
    assertThat(held).isBetween(19_000, 21_000);
  }

  @Test
  void repsGetTheListedAccountsRankedAgainAndTheLogKeepsEveryArm() {
    // A00002 and A02153 hash under 0.2 with the default salt; A00001, A99999 and acct 42 do not.
    ResultTable list = list("A00001", "A00002", "A99999", "A02153", "acct 42");
    // acct 42 was logged as held out earlier, under another salt: its arm stands.
    Map<String, Assignment> logged = Map.of("acct 42",
        new Assignment("acct 42", Arm.HOLDOUT, LocalDate.of(2026, 9, 1), "B2B", "MID", "old", new BigDecimal("0.5")));
    HoldoutAssignment.Split split = HoldoutAssignment.split(list, logged, new SalesLiftConfig.Experiment(FIFTH, "saleslift"),
        LocalDate.of(2026, 10, 31));

    assertThat(split.listed().rows()).containsExactly(List.of("1", "A00001", "B2B", "MID"), List.of("2", "A99999", "B2B", "MID"));
    assertThat(split.added()).extracting(Assignment::accountId, Assignment::arm).containsExactly(
        org.assertj.core.groups.Tuple.tuple("A00001", Arm.LISTED), org.assertj.core.groups.Tuple.tuple("A00002", Arm.HOLDOUT),
        org.assertj.core.groups.Tuple.tuple("A99999", Arm.LISTED), org.assertj.core.groups.Tuple.tuple("A02153", Arm.HOLDOUT));
    assertThat(split.added().get(1).logRow()).containsExactly("A00002", "HOLDOUT", "2026-10-31", "B2B", "MID", "saleslift", "0.2");
  }

  @Test
  void withTheHoldoutOffNothingIsAssignedAndLoggedArmsStillHold() {
    Map<String, Assignment> logged = Map.of("A00001",
        new Assignment("A00001", Arm.HOLDOUT, LocalDate.of(2026, 9, 1), "B2B", "MID", "saleslift", FIFTH));
    HoldoutAssignment.Split split = HoldoutAssignment.split(list("A00001", "A00002"), logged, SalesLiftConfig.Experiment.OFF,
        LocalDate.of(2026, 10, 31));
    assertThat(split.added()).isEmpty();
    assertThat(split.listed().rows()).containsExactly(List.of("1", "A00002", "B2B", "MID"));
  }

  @Test
  void heldOutAccountsLeaveTheOtherListsToo() {
    ResultTable atRisk = new ResultTable("accounts_at_risk", List.of("account_id", "mrr"),
        List.of(List.of("A1", "900.00"), List.of("A2", "500.00"), List.of("A3", "100.00")));
    Map<String, Assignment> logged = Map.of(
        "A1", new Assignment("A1", Arm.LISTED, LocalDate.of(2026, 1, 1), "B2B", "MID", "s", FIFTH),
        "A2", new Assignment("A2", Arm.HOLDOUT, LocalDate.of(2026, 1, 1), "B2B", "MID", "s", FIFTH));
    assertThat(HoldoutAssignment.withoutHeldOut(atRisk, logged).rows())
        .containsExactly(List.of("A1", "900.00"), List.of("A3", "100.00"));
  }

  private static ResultTable list(String... ids) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      rows.add(List.of(Integer.toString(i + 1), ids[i], "B2B", "MID"));
    }
    return new ResultTable("accounts_to_engage", List.of("rank", "account_id", "segment", "size_band"), rows);
  }
}

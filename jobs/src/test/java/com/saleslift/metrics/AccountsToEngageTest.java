package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.model.Model;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who to engage, at run date 2025-06-30 (UTC, pre-period 7 days, touch window 90): every
 * eligibility rule at its boundary, and the order with its ties. The sales_lift rows are given
 * by hand: B2B MID and B2C UNKNOWN add value on conversion, B2B ENT shows no clear effect, and
 * B2B's all-sizes row (also ADDS_VALUE) is a summary, not a cell.
 */
class AccountsToEngageTest {
  static final LocalDate RUN = LocalDate.of(2025, 6, 30);
  static final String LIFT_HEADER = "segment,size_band,outcome,treated_n,control_n,excluded_early_touch,unmatched_treated,"
      + "treated_mean,control_mean,naive_lift,adjusted_lift,ci_low,ci_high,verdict,sales_hours_per_treated,lift_per_sales_hour";
  @TempDir
  static Path dir;
  static Model model;

  @BeforeAll
  static void company() {
    Path input = new InputFolder(dir)
        .table("accounts", """
            E1,Acme One,B2B,150,,,,R1,2025-06-23T00:00:00Z
            E2,Acme Two,B2B,150,,,,R1,2025-04-02T00:00:00Z
            E3,Acme Three,B2B,150,,,,R1,2025-04-01T00:00:00Z
            E4,Acme Four,B2B,150,,,,R1,2025-06-24T00:00:00Z
            E5,Called,B2B,150,,,,R1,2025-06-01T00:00:00Z
            E6,"Mailed, only",B2B,150,,,,R1,2025-06-01T00:00:00Z
            E7,Paying,B2B,150,,,,R1,2025-06-01T00:00:00Z
            E8,Big,B2B,2000,,,,R1,2025-06-01T00:00:00Z
            E9,Someone,B2C,,,,,,2025-06-01T00:00:00Z
            E10,Acme Ten,B2B,150,,,,,2025-06-01T00:00:00Z
            """)
        .table("usage_events", """
            u1,2025-06-23T10:00:00Z,E1,,p,open
            u2,2025-06-25T10:00:00Z,E1,,p,open
            u3,2025-06-29T12:00:00Z,E1,,p,open
            """)
        .table("activities", """
            T1,R1,E5,,CALL,2025-06-20T10:00:00Z,10
            T2,R1,E6,,EMAIL,2025-06-20T10:00:00Z,
            """)
        .table("subscriptions", "S1,E7,p,,,100,,2025-06-15,")
        .write();
    model = Pipeline.model(input, RUN);
  }

  private static ResultTable lift(String... rows) {
    return new ResultTable("sales_lift", List.of(LIFT_HEADER.split(",")), Arrays.stream(rows).map(r -> List.of(r.split(",", -1))).toList());
  }

  @Test
  void untouchedUnpaidAccountsOfAddingCellsWithinTheirTouchWindowRankedByLiftThenUsage() {
    ResultTable lift = lift(
        "B2B,ALL,CONVERTED_180D,50,50,0,0,,,,0.4000,0.3000,0.5000,ADDS_VALUE,,",
        "B2B,ENT,CONVERTED_180D,30,30,0,0,,,,0.2000,-0.1000,0.5000,NO_CLEAR_EFFECT,,",
        "B2B,MID,CONVERTED_180D,30,30,0,0,,,,0.1500,0.0500,0.2500,ADDS_VALUE,,",
        "B2B,MID,MRR_12M,30,30,0,0,,,,20.0000,-5.0000,45.0000,NO_CLEAR_EFFECT,,",
        "B2C,UNKNOWN,CONVERTED_180D,30,30,0,0,,,,0.3000,0.1000,0.5000,ADDS_VALUE,,",
        "B2C,UNKNOWN,MRR_12M,5,30,0,0,,,,9.0000,1.0000,17.0000,INSUFFICIENT_DATA,,");
    ResultTable list = TableFormatter.format(AccountsToEngage.TABLE, AccountsToEngage.compute(model.accounts(),
        model.activities(), model.usage().early(), AccountsToEngage.cells(SparkTestSession.get(), lift), RUN,
        SalesLiftConfig.defaults().lift()));
    // E3 is 90 days old (window closed), E4 6 (early usage not known yet), E5 was called, E7 pays,
    // E8's cell (B2B enterprise) has no clear effect. E6's e-mail is not an assisted touch.
    // E9's cell has the larger lift; E1 has the most early events of B2B mid-size (3, usage band
    // LOW); E10, E2 and E6 tie on both and follow by id in byte order. E2 is 89 days old: its
    // window ends tomorrow. (Pipeline.lines joins cells with commas, unquoted.)
    assertThat(Pipeline.lines(list)).containsExactly(
        String.join(",", AccountsToEngage.TABLE.columnNames()),
        "1,E9,Someone,,B2C,UNKNOWN,NONE,0,2025-06-01T00:00:00Z,2025-08-30,0.3000,0.1000,0.5000,",
        "2,E1,Acme One,R1,B2B,MID,LOW,3,2025-06-23T00:00:00Z,2025-09-21,0.1500,0.0500,0.2500,20.0000",
        "3,E10,Acme Ten,,B2B,MID,NONE,0,2025-06-01T00:00:00Z,2025-08-30,0.1500,0.0500,0.2500,20.0000",
        "4,E2,Acme Two,R1,B2B,MID,NONE,0,2025-04-02T00:00:00Z,2025-07-01,0.1500,0.0500,0.2500,20.0000",
        "5,E6,Mailed, only,R1,B2B,MID,NONE,0,2025-06-01T00:00:00Z,2025-08-30,0.1500,0.0500,0.2500,20.0000");
  }

  @Test
  void withoutACellThatAddsValueTheListIsEmpty() {
    ResultTable lift = lift("B2B,MID,CONVERTED_180D,30,30,0,0,,,,0.1500,-0.0500,0.2500,NO_CLEAR_EFFECT,,");
    ResultTable list = TableFormatter.format(AccountsToEngage.TABLE, AccountsToEngage.compute(model.accounts(),
        model.activities(), model.usage().early(), AccountsToEngage.cells(SparkTestSession.get(), lift), RUN,
        SalesLiftConfig.defaults().lift()));
    assertThat(list.rows()).isEmpty();
  }
}

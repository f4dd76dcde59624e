package com.saleslift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.report.RunChanges.Move;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two hand-built runs a week apart whose differences were laid out by hand: a column added, three
 * accounts entering and two leaving the at-risk list, one rank move on the list to engage, one rate
 * beyond its noise and one within it, one verdict changed.
 */
class RunChangesTest {
  private static final LocalDate BEFORE = LocalDate.of(2026, 10, 24);
  private static final LocalDate AFTER = LocalDate.of(2026, 10, 31);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ResultTable table(String name, String header, String... rows) {
    return new ResultTable(name, List.of(header.split(",", -1)), Arrays.stream(rows).map(r -> List.of(r.split(",", -1))).toList());
  }

  private static final String AT_RISK = "account_id,account_name,owner_rep_id,segment,size_band,channel,mrr,events_last_28d,"
      + "events_prior_28d,signals,last_assisted_activity_at";
  private static final String ENGAGE = "rank,account_id,account_name,owner_rep_id,segment,size_band,usage_band,early_events,"
      + "created_at,touch_window_ends,cell_adjusted_lift,cell_ci_low,cell_ci_high,cell_mrr_12m_lift";
  private static final String LIFT = "segment,size_band,outcome,treated_n,control_n,adjusted_lift,ci_low,ci_high,verdict";

  private static String engageRow(int rank, String id) {
    return rank + "," + id + ",Name " + id + ",R1,B2B,MID,HIGH,30,2026-09-20,2026-12-19,0.2000,0.1000,0.3000,";
  }

  private static Map<String, ResultTable> before() {
    Map<String, ResultTable> t = new LinkedHashMap<>();
    t.put("activation", table("activation", "cohort_month,segment,product_id,channel,started,activated,activation_rate",
        "2026-08,B2B,P1,SALES_LED,100,50,0.5000"));
    t.put("sales_funnel", table("sales_funnel", "fiscal_quarter,segment,product_id,closed,won",
        "FY2026-Q3,B2B,P1,100,50"));
    t.put("sales_lift", table("sales_lift", LIFT,
        "B2B,MID,CONVERTED_180D,40,60,0.1000,-0.0200,0.2200,NO_CLEAR_EFFECT",
        "B2B,ENT,CONVERTED_180D,30,50,0.3000,0.1000,0.5000,ADDS_VALUE"));
    t.put("accounts_to_engage", table("accounts_to_engage", ENGAGE, engageRow(1, "E1"), engageRow(2, "E2"), engageRow(3, "E3"),
        engageRow(4, "E4"), engageRow(5, "E5"), engageRow(6, "E6"), engageRow(7, "E7")));
    t.put("accounts_at_risk", table("accounts_at_risk", AT_RISK,
        "R1,Old One,R1,B2B,MID,SALES_LED,500.00,2,20,USAGE_DROP,",
        "R2,Old Two,R1,B2B,MID,SALES_LED,400.00,0,12,NO_RECENT_USAGE,",
        "R3,Old Three,R1,B2B,MID,SALES_LED,300.00,3,30,USAGE_DROP,",
        "R4,Old Four,R1,B2C,SMB,SELF_SERVE,200.00,0,0,CONTRACTION,"));
    return t;
  }

  private static Map<String, ResultTable> after() {
    Map<String, ResultTable> t = new LinkedHashMap<>();
    // A column added; activation 50 of 100 -> 70 of 100: pooled 0.6, noise 2 * sqrt(0.24 * 0.02) = 0.139 < 0.2: real.
    t.put("activation", table("activation", "cohort_month,segment,product_id,channel,started,activated,activation_rate,new_col",
        "2026-08,B2B,P1,SALES_LED,100,70,0.7000,x"));
    // Win rate 50 of 100 -> 52 of 100: pooled 0.51, noise 2 * sqrt(0.2499 * 0.02) = 0.141 > 0.02: within its noise.
    t.put("sales_funnel", table("sales_funnel", "fiscal_quarter,segment,product_id,closed,won",
        "FY2026-Q3,B2B,P1,100,52"));
    // B2B MID: NO_CLEAR_EFFECT -> ADDS_VALUE, the intervals still overlapping; B2B ENT moved inside its interval.
    t.put("sales_lift", table("sales_lift", LIFT,
        "B2B,MID,CONVERTED_180D,45,60,0.1500,0.0500,0.2500,ADDS_VALUE",
        "B2B,ENT,CONVERTED_180D,31,50,0.3200,0.1100,0.5100,ADDS_VALUE"));
    // E7 from rank 7 to 1 (6 places); the others move by one place, fewer than rank_move (5).
    t.put("accounts_to_engage", table("accounts_to_engage", ENGAGE, engageRow(1, "E7"), engageRow(2, "E1"), engageRow(3, "E2"),
        engageRow(4, "E3"), engageRow(5, "E4"), engageRow(6, "E5"), engageRow(7, "E6")));
    // R2 and R4 left; N1, N2, N3 entered (ranks 2, 3 and 5 by MRR).
    t.put("accounts_at_risk", table("accounts_at_risk", AT_RISK,
        "R1,Old One,R1,B2B,MID,SALES_LED,500.00,2,20,USAGE_DROP,",
        "N1,New One,R1,B2B,MID,SALES_LED,450.00,0,15,NO_RECENT_USAGE,",
        "N2,New Two,R1,B2B,ENT,SALES_LED,350.00,4,40,USAGE_DROP,",
        "R3,Old Three,R1,B2B,MID,SALES_LED,300.00,3,30,USAGE_DROP,",
        "N3,New Three,R1,B2C,SMB,SELF_SERVE,100.00,9,9,BROKEN_PROMISE,"));
    return t;
  }

  private static RunChanges changes(Map<String, ResultTable> a, Map<String, ResultTable> b) {
    return RunChanges.between(new RunChanges.Side(BEFORE, a, Set.of()), new RunChanges.Side(AFTER, b, Set.of()),
        ReportFixture.TOLERANCES);
  }

  @Test
  void theFixturePairShowsExactlyItsChangesInOrder() {
    RunChanges c = changes(before(), after());

    assertThat(c.schema()).containsExactly(new RunChanges.SchemaChange("activation", "new_col", RunChanges.Presence.ADDED));
    assertThat(c.rows()).containsExactly(new RunChanges.RowCount("accounts_at_risk", 4, 5));
    assertThat(c.figures()).extracting(RunChanges.FigureChange::figure, RunChanges.FigureChange::real).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Activation rate, cohorts of the last 12 months", true),
        org.assertj.core.groups.Tuple.tuple("Win rate, last 4 fiscal quarters", false));
    assertThat(c.figures().get(0).change()).isEqualByComparingTo("0.2");
    assertThat(c.lift()).singleElement().satisfies(l -> {
      assertThat(List.of(l.segment(), l.sizeBand(), l.outcome(), l.fromVerdict(), l.toVerdict()))
          .containsExactly("B2B", "MID", "CONVERTED_180D", "NO_CLEAR_EFFECT", "ADDS_VALUE");
      assertThat(l.toCi()).isEqualTo(new RunChanges.Interval(new BigDecimal("0.0500"), new BigDecimal("0.2500")));
    });
    assertThat(c.lists()).extracting(l -> l.list() + " " + l.change() + " " + l.accountId() + " " + l.fromRank() + " " + l.toRank()
        + " " + l.why()).containsExactly(
        "accounts_to_engage MOVED E7 7 1 B2B mid-size",
        "accounts_at_risk ENTERED N1 null 2 NO_RECENT_USAGE",
        "accounts_at_risk ENTERED N2 null 3 USAGE_DROP",
        "accounts_at_risk ENTERED N3 null 5 BROKEN_PROMISE",
        "accounts_at_risk LEFT R2 2 null NO_RECENT_USAGE",
        "accounts_at_risk LEFT R4 4 null CONTRACTION");
  }

  @Test
  void theTextListsTheSameInTheSameOrder() {
    assertThat(ChangesText.listing(changes(before(), after()), "USD")).isEqualTo("""
        Changes from 2026-10-24 to 2026-10-31

        Tables and columns
          added  column activation.new_col

        Row counts
          accounts_at_risk: 4 -> 5

        Headline figures
          real   Activation rate, cohorts of the last 12 months: 70.0%, was 50.0% (+20.0 pts)
          noise  Win rate, last 4 fiscal quarters: 52.0%, was 50.0% (+2.0 pts)

        Sales lift
          B2B mid-size, paid within 180 days: adds value, was no clear effect: +15.0 pts (5.0 to 25.0), was +10.0 pts (-2.0 to 22.0)

        Accounts to engage: 0 in, 0 out, 1 moved
          moved    #7->#1     E7  Name E7  B2B mid-size

        Accounts at risk: 3 in, 2 out
          entered  #2         N1  New One  USD 450  NO_RECENT_USAGE
          entered  #3         N2  New Two  USD 350  USAGE_DROP
          entered  #5         N3  New Three  USD 100  BROKEN_PROMISE
          left     #2         R2  Old Two  USD 400  was NO_RECENT_USAGE
          left     #4         R4  Old Four  USD 200  was CONTRACTION
        """);
  }

  @Test
  void theJsonCarriesTheSameFieldsAsNumbersAndCodes() throws Exception {
    JsonNode json = JSON.readTree(ChangesJson.of(changes(before(), after())));

    assertThat(json.get("from").asText()).isEqualTo("2026-10-24");
    assertThat(json.get("to").asText()).isEqualTo("2026-10-31");
    assertThat(json.get("schema")).isEqualTo(JSON.readTree("[{\"table\":\"activation\",\"column\":\"new_col\",\"change\":\"ADDED\"}]"));
    assertThat(json.get("rows")).isEqualTo(JSON.readTree("[{\"table\":\"accounts_at_risk\",\"from\":4,\"to\":5}]"));
    JsonNode activation = json.get("figures").get(0);
    assertThat(activation.get("figure").asText()).isEqualTo("Activation rate, cohorts of the last 12 months");
    assertThat(activation.get("unit").asText()).isEqualTo("rate");
    assertThat(activation.get("from").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(activation.get("to").decimalValue()).isEqualByComparingTo("0.7");
    assertThat(activation.get("change").decimalValue()).isEqualByComparingTo("0.2");
    assertThat(activation.get("real").asBoolean()).isTrue();
    assertThat(json.get("figures").get(1).get("real").asBoolean()).isFalse();
    JsonNode lift = json.get("lift").get(0);
    assertThat(lift.get("from_verdict").asText()).isEqualTo("NO_CLEAR_EFFECT");
    assertThat(lift.get("to_verdict").asText()).isEqualTo("ADDS_VALUE");
    assertThat(lift.get("to_ci").get(0).decimalValue()).isEqualByComparingTo("0.05");
    assertThat(lift.get("from_lift").decimalValue()).isEqualByComparingTo("0.1");
    assertThat(json.get("lists")).hasSize(6);
    JsonNode moved = json.get("lists").get(0);
    assertThat(moved.get("list").asText()).isEqualTo("accounts_to_engage");
    assertThat(moved.get("account_name").asText()).isEqualTo("Name E7");
    assertThat(moved.get("change").asText()).isEqualTo("MOVED");
    assertThat(moved.get("from_rank").asInt()).isEqualTo(7);
    assertThat(moved.get("to_rank").asInt()).isEqualTo(1);
    assertThat(json.get("lists").get(1).get("from_rank").isNull()).isTrue();
    assertThat(json.get("not_compared")).isEmpty();
  }

  @Test
  void twoIdenticalRunsReportNoChange() {
    RunChanges c = changes(before(), before());
    assertThat(c.none()).isTrue();
    assertThat(ChangesText.listing(c, "USD")).isEqualTo("no change\n");
  }

  @Test
  void pageTwoKeepsTheRealMovesAndTheListCounts() {
    assertThat(ChangesText.since(changes(before(), after()), "USD")).containsExactly(
        "Activation rate, cohorts of the last 12 months: 70.0%, was 50.0% (+20.0 pts)",
        "Sales lift in B2B mid-size, paid within 180 days: adds value, was no clear effect: +15.0 pts (5.0 to 25.0), was +10.0 pts (-2.0 to 22.0)",
        "Accounts to engage: 0 in, 0 out, 1 moved",
        "Accounts at risk: 3 in, 2 out");
    assertThat(ChangesText.since(changes(before(), before()), "USD")).containsExactly(
        "No headline figure and no sales-lift verdict moved beyond its noise.",
        "Accounts to engage: 0 in, 0 out",
        "Accounts at risk: 0 in, 0 out");
  }

  @Test
  void noiseThresholdsAreTheSpecsFormulas() {
    // Pooled (0.5 * 100 + 0.7 * 100) / 200 = 0.6; 2 * sqrt(0.6 * 0.4 * (1/100 + 1/100)) = 0.13856.
    assertThat(RunChanges.binomial(0.5, 0.7, 100, 100)).isCloseTo(0.13856, within(1e-5));
    // Unequal counts: pooled (0.2 * 50 + 0.3 * 150) / 200 = 0.275; 2 * sqrt(0.275 * 0.725 * (1/50 + 1/150)) = 0.14583.
    assertThat(RunChanges.binomial(0.2, 0.3, 50, 150)).isCloseTo(0.14583, within(1e-5));
    ExecutiveSummary.Figure mrr = ExecutiveSummary.FIGURES.get(0);
    ExecutiveSummary.Figure nrr = ExecutiveSummary.FIGURES.get(2);
    // Money: 1% of |from|; a money ratio: 1.0 point.
    assertThat(RunChanges.threshold(mrr, new BigDecimal("-2000"), BigDecimal.ZERO, Optional.empty(), Optional.empty(),
        ReportFixture.TOLERANCES)).isCloseTo(20.0, within(1e-9));
    assertThat(RunChanges.threshold(nrr, new BigDecimal("1.04"), BigDecimal.ONE, Optional.of(BigDecimal.TEN), Optional.of(BigDecimal.TEN),
        ReportFixture.TOLERANCES)).isCloseTo(0.01, within(1e-9));
  }

  @Test
  void anAccountThatLeftTheListToEngageSaysWhyWhenTheNewerRunShowsIt() {
    Map<String, ResultTable> a = before();
    Map<String, ResultTable> b = before();
    // E1 now pays (it is on the at-risk list), E2's window ended on the newer run date, E3's cell (B2B ENT) no longer adds value,
    // E4 left for a reason the tables do not show.
    a.put("accounts_to_engage", table("accounts_to_engage", ENGAGE, engageRow(1, "E1"),
        "2,E2,Name E2,R1,B2B,MID,HIGH,30,2026-08-01,2026-10-31,0.2000,0.1000,0.3000,",
        "3,E3,Name E3,R1,B2B,ENT,HIGH,30,2026-09-20,2026-12-19,0.3000,0.1000,0.5000,", engageRow(4, "E4")));
    b.put("accounts_to_engage", table("accounts_to_engage", ENGAGE));
    b.put("accounts_at_risk", table("accounts_at_risk", AT_RISK, "E1,Name E1,R1,B2B,MID,SALES_LED,90.00,0,0,CONTRACTION,"));
    b.put("sales_lift", table("sales_lift", LIFT,
        "B2B,MID,CONVERTED_180D,40,60,0.1000,0.0200,0.2200,ADDS_VALUE",
        "B2B,ENT,CONVERTED_180D,30,50,0.3000,-0.1000,0.5000,NO_CLEAR_EFFECT"));

    assertThat(changes(a, b).lists().stream().filter(c -> c.list().equals("accounts_to_engage")))
        .extracting(c -> c.accountId() + " " + c.change() + " " + c.why())
        .containsExactly("E1 LEFT paid", "E2 LEFT aged out of the window", "E3 LEFT its cell no longer adds value",
            "E4 LEFT B2B mid-size");
    assertThat(changes(a, b).count("accounts_to_engage", Move.LEFT)).isEqualTo(4);
  }

  @Test
  void accountsLeavingAboveOneDoNotMoveIt() {
    Map<String, ResultTable> a = before();
    Map<String, ResultTable> b = before();
    // E1 to E5 left: E6 and E7 go from 6 and 7 to 1 and 2, five places, yet nothing changed about them.
    b.put("accounts_to_engage", table("accounts_to_engage", ENGAGE, engageRow(1, "E6"), engageRow(2, "E7")));
    assertThat(changes(a, b).lists()).extracting(c -> c.accountId() + " " + c.change())
        .containsExactly("E1 LEFT", "E2 LEFT", "E3 LEFT", "E4 LEFT", "E5 LEFT");
    // E7 jumps over E6 too: one place among the accounts that stayed, not a move.
    b.put("accounts_to_engage", table("accounts_to_engage", ENGAGE, engageRow(1, "E7"), engageRow(2, "E6")));
    assertThat(changes(a, b).count("accounts_to_engage", Move.MOVED)).isZero();
  }

  @Test
  void aTableThatCouldNotBeReadIsLeftOutNotReportedAsGone() {
    Map<String, ResultTable> b = after();
    b.remove("accounts_at_risk");
    RunChanges c = RunChanges.between(new RunChanges.Side(BEFORE, before(), Set.of()),
        new RunChanges.Side(AFTER, b, Set.of("accounts_at_risk")), ReportFixture.TOLERANCES);

    assertThat(c.schema()).extracting(RunChanges.SchemaChange::table).containsExactly("activation");
    assertThat(c.rows()).isEmpty();
    assertThat(c.lists()).noneMatch(l -> l.list().equals("accounts_at_risk"));
    assertThat(ChangesText.since(c, "USD")).contains("Accounts at risk: not compared (a run's list could not be read)");
    assertThat(ChangesText.listing(c, "USD")).contains("Not compared (could not be read): accounts_at_risk");
  }
}

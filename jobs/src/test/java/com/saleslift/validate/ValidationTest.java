package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules across rows, on one small folder: duplicates, as-of, orphans, currencies, refusal. */
class ValidationTest {
  static final LocalDate RUN = LocalDate.of(2024, 6, 30);
  @TempDir
  static Path dir;
  static ValidatedInput validated;

  @BeforeAll
  static void fixture() {
    Path input = new InputFolder(dir)
        .config("max_reject_ratio: 1\n")
        .table("reps", """
            R1,,DIRECTOR,,,,
            R2,,MANAGER,R1,,,
            R3,,STAFF,R9,,,
            R4,,STAFF,R3,,,
            R5,,CEO,R1,,,
            R6,,STAFF,R5,,,
            """)
        .table("accounts", """
            A1,,B2B,,,,,R2,2024-01-01T00:00:00Z
            A1,,B2B,,,,,R2,2024-01-01T00:00:00Z
            A2,,B2C,,,,,R4,2024-01-01T00:00:00Z
            A3,,B2B,,,,,,2024-01-01T00:00:00Z
            A3,,B2C,,,,,,2024-01-01T00:00:00Z
            """)
        .table("fx_rates", "EUR,2024-01-01,1.1")
        .table("opportunities", """
            O1,A1,R1,p,NEW_BUSINESS,Discovery,false,false,100,,,2024-02-01T00:00:00Z,,2024-02-01T00:00:00Z
            O1,A1,R1,p,NEW_BUSINESS,Won,true,true,100,,,2024-02-01T00:00:00Z,2024-03-01,2024-03-02T00:00:00Z
            O2,A1,R1,p,NEW_BUSINESS,A,false,false,100,,,2024-02-01T00:00:00Z,,2024-03-02T00:00:00Z
            O2,A1,R1,p,NEW_BUSINESS,B,false,false,100,,,2024-02-01T00:00:00Z,,2024-03-02T00:00:00Z
            O3,A1,R1,p,NEW_BUSINESS,,false,false,100,GBP,,2024-02-01T00:00:00Z,,
            O4,A1,R1,p,NEW_BUSINESS,,false,false,100,EUR,,2023-12-15T00:00:00Z,,
            O5,A1,R1,p,NEW_BUSINESS,,false,false,100,EUR,,2024-02-01T00:00:00Z,,
            O6,A1,R1,p,NEW_BUSINESS,,false,false,100,,,2024-07-01T00:00:00Z,,
            O7,A3,R1,p,NEW_BUSINESS,,false,false,100,,,2024-02-01T00:00:00Z,,
            """)
        .table("usage_events", """
            e1,2024-02-01T10:00:00Z,A1,,p,open
            e1,2024-02-01T09:00:00Z,A1,,p,open
            e2,2024-06-30T23:59:59Z,A1,,p,open
            e2,2024-06-30T23:59:59Z,A1,,p,open
            e3,2024-07-01T00:00:00Z,A1,,p,open
            e4,2024-02-01T10:00:00Z,A9,,p,open
            """)
        .write();
    validated = Pipeline.validate(input, RUN);
  }

  @Test
  void identicalRowsAreDroppedAndCountedNotRejected() {
    TableReport accounts = validated.reports().get(CanonicalTable.ACCOUNTS);
    assertThat(accounts.read()).isEqualTo(5);
    assertThat(accounts.duplicatesDropped()).isEqualTo(1);
    assertThat(ids(CanonicalTable.ACCOUNTS, "account_id")).contains("A1");
  }

  @Test
  void differentRowsUnderOneKeyAreConflictsEveryVersionRejected() {
    assertThat(reasons(CanonicalTable.ACCOUNTS)).contains("5 DUPLICATE_CONFLICT", "6 DUPLICATE_CONFLICT");
    assertThat(ids(CanonicalTable.ACCOUNTS, "account_id")).doesNotContain("A3");
  }

  @Test
  void opportunitiesKeepTheNewestVersionAndRejectATieAtTheNewest() {
    Row o1 = validated.table(CanonicalTable.OPPORTUNITIES).filter("opportunity_id = 'O1'").first();
    assertThat(o1.<String>getAs("stage")).isEqualTo("Won");
    assertThat(reasons(CanonicalTable.OPPORTUNITIES)).contains("4 DUPLICATE_CONFLICT", "5 DUPLICATE_CONFLICT");
    assertThat(ids(CanonicalTable.OPPORTUNITIES, "opportunity_id")).doesNotContain("O2");
  }

  @Test
  void repeatedEventIdsKeepTheEarliest() {
    // e1 twice at different times, e2 twice identical: one of each dropped and counted. The
    // rollup of A1's "open" events holds e1 at 09:00 (the earlier of its two) and e2: 2 events.
    TableReport events = validated.reports().get(CanonicalTable.USAGE_EVENTS);
    assertThat(events.duplicatesDropped()).isEqualTo(2);
    assertThat(validated.usage().groups().collectAsList()).singleElement().satisfies(group -> {
      assertThat(group.<String>getAs("account_id")).isEqualTo("A1");
      assertThat(group.<java.time.Instant>getAs(UsageRollup.FIRST_AT)).isEqualTo("2024-02-01T09:00:00Z");
      assertThat(group.<Long>getAs(UsageRollup.EVENTS)).isEqualTo(2L);
    });
  }

  @Test
  void rowsAfterTheEndOfTheRunDateAreFuture() {
    // e3 at 2024-07-01T00:00Z is after the end of the run date (UTC): counted, not in the rollup.
    assertThat(validated.reports().get(CanonicalTable.USAGE_EVENTS).future()).isEqualTo(1);
    assertThat(validated.usage().groups().first().<java.time.Instant>getAs(UsageRollup.LAST_AT))
        .isEqualTo("2024-06-30T23:59:59Z");
    assertThat(validated.reports().get(CanonicalTable.OPPORTUNITIES).future()).isEqualTo(1);
  }

  @Test
  void orphansIncludeChildrenOfRejectedParents() {
    // R3's manager R9 does not exist; R4 reports to R3; R5 has a bad level; R6 reports to R5.
    assertThat(reasons(CanonicalTable.REPS)).containsExactly("4 ORPHAN", "5 ORPHAN", "6 BAD_ENUM", "7 ORPHAN");
    assertThat(ids(CanonicalTable.REPS, "rep_id")).containsExactlyInAnyOrder("R1", "R2");
    // A2 is owned by the orphaned R4; O7 belongs to the conflicting A3; e4 to an unknown account.
    assertThat(reasons(CanonicalTable.ACCOUNTS)).containsExactly("4 ORPHAN", "5 DUPLICATE_CONFLICT", "6 DUPLICATE_CONFLICT");
    assertThat(validated.rejects().get(CanonicalTable.ACCOUNTS).get(0).column()).isEqualTo("owner_rep_id");
    assertThat(reasons(CanonicalTable.OPPORTUNITIES)).contains("10 ORPHAN");
    assertThat(reasons(CanonicalTable.USAGE_EVENTS)).containsExactly("7 ORPHAN");
  }

  @Test
  void foreignCurrencyNeedsARateOnOrBeforeItsDate() {
    // O3: GBP has no rate at all; O4: EUR before the first EUR rate; O5 converts at 1.1.
    assertThat(reasons(CanonicalTable.OPPORTUNITIES)).contains("6 UNKNOWN_CURRENCY", "7 UNKNOWN_CURRENCY");
    Row o5 = validated.table(CanonicalTable.OPPORTUNITIES).filter("opportunity_id = 'O5'").first();
    assertThat(o5.<BigDecimal>getAs(Currencies.RATE)).isEqualByComparingTo("1.1");
  }

  @Test
  void theRejectRatioIsOverReadLessDuplicatesAndFuture() {
    TableReport opportunities = validated.reports().get(CanonicalTable.OPPORTUNITIES);
    // read 9, one older O1 dropped, one future: 7 in the base; O2 x2, O3, O4, O7 rejected.
    assertThat(opportunities.rejectedTotal()).isEqualTo(5);
    assertThat(opportunities.rejectRatio()).isEqualByComparingTo("0.714286");
    assertThat(validated.refusal(new BigDecimal("0.5"))).hasValueSatisfying(reason ->
        assertThat(reason).startsWith("reps: 4 of 6 rows rejected"));
    assertThat(validated.refusal(BigDecimal.ONE)).isEmpty();
  }

  @Test
  void aHierarchyCycleRefusesTheRun(@TempDir Path other) {
    Path input = new InputFolder(other).table("reps", """
        R1,,DIRECTOR,R3,,,
        R2,,MANAGER,R1,,,
        R3,,STAFF,R2,,,
        """).write();
    assertThatThrownBy(() -> Pipeline.validate(input, RUN))
        .isInstanceOf(InputRefusedException.class)
        .hasMessage("reps: the manager_id links form a cycle: R1 -> R3 -> R2 -> R1");
  }

  private static List<String> reasons(CanonicalTable table) {
    return validated.rejects().get(table).stream().map(r -> r.line() + " " + r.reason()).toList();
  }

  private static List<String> ids(CanonicalTable table, String column) {
    return validated.table(table).select(column).collectAsList().stream().map(r -> r.getString(0)).toList();
  }
}

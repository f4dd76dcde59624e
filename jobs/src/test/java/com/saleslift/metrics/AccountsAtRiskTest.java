package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.model.Model;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paying accounts with churn signals at run date 2025-06-30 (UTC): the last 28 days are
 * 2025-06-03 to 06-30, the 28 before them 05-06 to 06-02; a promise counts when due from
 * 2025-04-01 (90 days back) to 06-29. Each signal at its threshold.
 */
class AccountsAtRiskTest {
  static final LocalDate RUN = LocalDate.of(2025, 6, 30);
  @TempDir
  Path dir;

  /** {@code n} events of an account, one a day from {@code first}, at noon. */
  private static String events(String account, String first, int n) {
    LocalDate day = LocalDate.parse(first);
    return IntStream.range(0, n).mapToObj(i -> account + "-" + first + "-" + i + "," + day.plusDays(i) + "T12:00:00Z," + account
        + ",,p,open").collect(Collectors.joining("\n"));
  }

  @Test
  void everySignalAtItsThresholdOrderedByMrr() {
    Path input = new InputFolder(dir)
        .table("accounts", IntStream.rangeClosed(1, 8).mapToObj(i -> "K" + i + ",,B2B,,,,,,2024-01-01T00:00:00Z")
            .collect(Collectors.joining("\n")))
        .table("subscriptions", """
            S1,K1,p,,,500,,2025-01-01,
            S2,K2,p,,,400,,2025-01-01,
            S3,K3,p,,,300,,2025-01-01,
            S4,K4,p,,,300,,2025-01-01,
            S5,K5,p,,,200,,2025-01-01,
            S6,K6,p,,,150,,2025-01-01,2025-06-15
            S6,K6,p,,,100,,2025-06-15,
            S7,K7,p,,,100,,2025-01-01,2025-05-01
            S8,K8,p,,,50,,2025-01-01,
            """)
        .table("usage_events", String.join("\n",
            events("K1", "2025-05-10", 10), events("K1", "2025-06-10", 4),
            events("K2", "2025-05-10", 10), events("K2", "2025-06-10", 5),
            events("K3", "2025-05-10", 9),
            events("K7", "2025-05-10", 10),
            events("K8", "2025-05-06", 12)))
        .table("activities", "T1,R1,K6,,CALL,2025-05-10T10:00:00Z,10")
        .table("feature_requests", """
            F1,K4,p,2025-03-01T00:00:00Z,,SALES,2025-04-01,OPEN,,
            F2,K5,p,2025-03-01T00:00:00Z,,SALES,2025-03-31,OPEN,,
            """)
        .write();
    Model model = Pipeline.model(input, RUN);
    var spark = SparkTestSession.get();
    var months = ReportedMonths.of(spark, model);
    var movements = MrrMovements.perAccount(MrrMovements.perProduct(AccountMrr.byProduct(model.subscriptions(), months),
        model.opportunities(), months.last()));
    var list = TableFormatter.format(AccountsAtRisk.TABLE, AccountsAtRisk.compute(model.accounts(), model.subscriptions(),
        model.usage(), movements, model.featureRequests(), model.activities(), model.calendar()));
    // K1: 4 events against 10, under half. K2: 5 against 10, exactly half: no signal. K3: 9 events
    // before, too few for a drop, but none since: no recent usage. K4: a promise due 90 days back,
    // not shipped; K5's was due 91 days back. K6 contracted in June (150 -> 100), its last call
    // on 05-10. K7 pays nothing at the run date. K8: 12 against 0, both signals. Ties on MRR by id.
    assertThat(Pipeline.lines(list)).containsExactly(
        String.join(",", AccountsAtRisk.TABLE.columnNames()),
        "K1,,,B2B,UNKNOWN,PRODUCT_LED,500.00,4,10,USAGE_DROP,",
        "K3,,,B2B,UNKNOWN,PRODUCT_LED,300.00,0,9,NO_RECENT_USAGE,",
        "K4,,,B2B,UNKNOWN,PRODUCT_LED,300.00,0,0,BROKEN_PROMISE,",
        "K6,,,B2B,UNKNOWN,PRODUCT_LED,100.00,0,0,CONTRACTION,2025-05-10T10:00:00Z",
        "K8,,,B2B,UNKNOWN,PRODUCT_LED,50.00,0,12,USAGE_DROP;NO_RECENT_USAGE,");
  }
}

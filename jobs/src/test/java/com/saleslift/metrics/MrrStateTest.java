package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.model.Model;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights built on the kept MRR series, each checked against every month computed from scratch:
 * a quiet night, a late subscription period, a deal re-exported with another close date, an
 * account's periods gone, a new month, a backfill, another configuration and a damaged state.
 * The hand-computed values of the series itself are MrrMovementsTest's; here, which months a
 * night computed again (its history) and that the series is the same.
 */
class MrrStateTest {
  private static final String ACCOUNTS = """
      A1,,B2B,,,,,,2023-12-01T00:00:00Z
      A2,,B2B,,,,,,2023-12-01T00:00:00Z
      A3,,B2C,,,,,,2023-12-01T00:00:00Z
      A4,,B2C,,,,,,2023-12-01T00:00:00Z
      """;
  private static final String SUBSCRIPTIONS = """
      S1,A1,p,,,100,,2024-01-01,2024-02-01
      S1,A1,p,,,150,,2024-02-01,2024-04-01
      S2,A1,q,,,30,,2024-03-01,2024-05-01
      S3,A1,p,,,80,,2024-07-01,
      S4,A2,p,,,200,,2024-01-31,
      S5,A3,p,,,10,,2024-02-01,
      S6,A4,p,,,20,,2024-01-15,2024-03-31
      """;
  private static final String DEALS = """
      O1,A1,R1,p,UPSELL,,true,true,600,,,2024-01-05T00:00:00Z,2024-01-20,
      O2,A1,R1,q,CROSS_SELL,,true,true,360,,,2024-03-01T00:00:00Z,2024-03-15,
      """;
  private static final String CONFIG = "config-1";

  @TempDir
  Path dir;

  @Test
  void eachNightComputesAgainOnlyWhatChangedAndGivesWhatEveryMonthGives() throws IOException {
    Path state = dir.resolve("state");
    Path input = company(SUBSCRIPTIONS, DEALS);

    assertThat(night(input, LocalDate.of(2024, 7, 10), state, CONFIG)).isEqualTo("every month computed: there is no MRR state yet");
    assertThat(night(input, LocalDate.of(2024, 7, 11), state, CONFIG))
        .isEqualTo("built on the MRR state: 0 accounts changed, every account's months from 2024-07 computed again");

    // A late period: A3 took product q in February only (10 + 40 = 50 that month).
    input = company(SUBSCRIPTIONS + "S7,A3,q,,,40,,2024-02-01,2024-03-01\n", DEALS);
    assertThat(night(input, LocalDate.of(2024, 7, 12), state, CONFIG))
        .isEqualTo("built on the MRR state: 1 account changed, every account's months from 2024-07 computed again");
    assertThat(mrrOf(input, LocalDate.of(2024, 7, 12), state, "A3", "2024-02")).isEqualTo("50.00");

    // O1 re-exported as closed in March: A1's upsell of February is no longer sales-assisted.
    input = company(SUBSCRIPTIONS + "S7,A3,q,,,40,,2024-02-01,2024-03-01\n",
        DEALS.replace("2024-01-20", "2024-03-20"));
    assertThat(night(input, LocalDate.of(2024, 7, 13), state, CONFIG)).startsWith("built on the MRR state: 1 account changed");

    // A4's periods gone from the export, and a new month: July (evaluated on the 13th) computed again for all.
    input = company(SUBSCRIPTIONS.replace("S6,A4,p,,,20,,2024-01-15,2024-03-31\n", ""), DEALS);
    assertThat(night(input, LocalDate.of(2024, 8, 2), state, CONFIG))
        .isEqualTo("built on the MRR state: 3 accounts changed, every account's months from 2024-07 computed again");

    // A backfill does not replace the nightly's state.
    assertThat(night(input, LocalDate.of(2024, 7, 20), state, CONFIG))
        .isEqualTo("every month computed: the run date is before the MRR state's");
    assertThat(night(input, LocalDate.of(2024, 8, 3), state, CONFIG))
        .isEqualTo("built on the MRR state: 0 accounts changed, every account's months from 2024-08 computed again");

    assertThat(night(input, LocalDate.of(2024, 8, 4), state, "config-2"))
        .isEqualTo("every month computed: the configuration changed since the MRR state was built");

    try (Stream<Path> files = Files.walk(state)) {
      Path part = files.filter(p -> p.toString().contains("/per_product/") && p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(part);
      bytes[bytes.length / 2] ^= 0x5a;
      Files.write(part, bytes);
    }
    assertThat(night(input, LocalDate.of(2024, 8, 5), state, "config-2"))
        .isEqualTo("every month computed: the MRR state's per_product are damaged");
    assertThat(night(input, LocalDate.of(2024, 8, 6), state, "config-2")).startsWith("built on the MRR state: 0 accounts changed");
  }

  @Test
  void aPeriodStartingBeforeTheFirstReportedMonthComputesEveryMonth() {
    Path state = dir.resolve("state");
    night(company(SUBSCRIPTIONS, DEALS), LocalDate.of(2024, 7, 10), state, CONFIG);
    Path earlier = company(SUBSCRIPTIONS + "S8,A2,q,,,5,,2023-11-01,2023-12-01\n", DEALS);
    assertThat(night(earlier, LocalDate.of(2024, 7, 11), state, CONFIG))
        .isEqualTo("every month computed: the first reported month moved since the MRR state was built");
  }

  private Path company(String subscriptions, String deals) {
    return new InputFolder(dir.resolve("in"))
        .table("accounts", ACCOUNTS)
        .table("subscriptions", subscriptions)
        .table("activities", "T1,R1,A1,,CALL,2023-12-20T10:00:00Z,15")
        .table("opportunities", deals)
        .write();
  }

  /**
   * One night on the state: its series must equal every month computed from scratch, part by
   * part and row by row. Returns how it was made.
   */
  private String night(Path input, LocalDate runDate, Path state, String config) {
    SparkSession spark = SparkTestSession.get();
    Model model = Pipeline.model(input, runDate);
    ReportedMonths months = ReportedMonths.of(spark, model);
    MrrSeries scratch = MrrSeries.compute(model.subscriptions(), model.opportunities(), months, "");
    try (MrrState kept = MrrState.open(state, config, false)) {
      MrrSeries built = kept.series(spark, model.subscriptions(), model.opportunities(), months, runDate);
      assertThat(rows(built.byProduct())).as("by product").isEqualTo(rows(scratch.byProduct()));
      assertThat(rows(built.byAccount())).as("by account").isEqualTo(rows(scratch.byAccount()));
      assertThat(rows(built.perProduct())).as("movements per product").isEqualTo(rows(scratch.perProduct()));
      assertThat(rows(built.perAccount())).as("movements per account").isEqualTo(rows(scratch.perAccount()));
      assertThat(rows(built.byProduct())).isNotEmpty();
      return built.history();
    }
  }

  /** The account's MRR in a month, as the state's series of that night gives it. */
  private String mrrOf(Path input, LocalDate runDate, Path state, String account, String month) {
    SparkSession spark = SparkTestSession.get();
    Model model = Pipeline.model(input, runDate);
    try (MrrState kept = MrrState.open(state, CONFIG, false)) {
      return kept.series(spark, model.subscriptions(), model.opportunities(), ReportedMonths.of(spark, model), runDate)
          .byAccount().filter(org.apache.spark.sql.functions.col("account_id").equalTo(account)
              .and(ReportedMonths.label(org.apache.spark.sql.functions.col(ReportedMonths.MONTH_INDEX)).equalTo(month)))
          .first().getDecimal(2).setScale(2).toPlainString();
    }
  }

  /** Every row, its columns by name in one order, sorted: the same series whatever order Spark gives. */
  private static List<String> rows(Dataset<Row> series) {
    String[] names = java.util.Arrays.stream(series.columns()).sorted().toArray(String[]::new);
    return series.selectExpr(names).collectAsList().stream().map(Row::toString).sorted().toList();
  }
}

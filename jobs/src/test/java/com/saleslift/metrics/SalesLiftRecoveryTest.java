package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.generate.SampleGenerator;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sales_lift against the truth: 8,000 generated accounts whose sales touches carry planted
 * effects on 180-day conversion (B2B ENT +0.30, MID +0.15, SMB 0, B2C SMB 0, B2C UNKNOWN +0.10)
 * and whose reps touch accounts with more early usage more often. The bootstrap interval must
 * cover each planted effect, the naive difference must show the confounding, and a cell without
 * an effect must not be called one.
 */
class SalesLiftRecoveryTest {
  static final LocalDate END = LocalDate.of(2026, 10, 31);
  static final Map<String, Double> PLANTED = Map.of(
      "B2B/ENT", 0.30, "B2B/MID", 0.15, "B2B/SMB", 0.0, "B2C/SMB", 0.0, "B2C/UNKNOWN", 0.10);
  @TempDir
  static Path dir;
  static ResultTable table;
  static ResultTable toEngage;

  @BeforeAll
  static void generateAndEstimate() throws IOException {
    SampleGenerator.write(dir, new SampleGenerator.Settings(8000, 24, 2026, END, PLANTED));
    SparkSession spark = SparkTestSession.get();
    // Thousands of accounts, unlike the other fixtures: generated code pays for itself here.
    spark.conf().set("spark.sql.codegen.wholeStage", "true");
    spark.conf().set("spark.sql.codegen.factoryMode", "FALLBACK");
    table = TableFormatter.format(SalesLift.TABLE,
        SalesLift.compute(Pipeline.salesLiftOutcomes(dir, END), Pipeline.config(dir).lift()));
    com.saleslift.model.Model model = Pipeline.model(dir, END);
    toEngage = TableFormatter.format(AccountsToEngage.TABLE, AccountsToEngage.compute(model.accounts(), model.activities(),
        model.usage().early(), AccountsToEngage.cells(spark, table), END, Pipeline.config(dir).lift()));
    SparkTestSession.reset(spark);
  }

  @Test
  void theIntervalCoversEveryPlantedEffect() throws IOException {
    Map<String, BigDecimal> truth = planted();
    assertThat(truth).hasSize(5);
    for (Map.Entry<String, BigDecimal> cell : truth.entrySet()) {
      List<String> row = conversion(cell.getKey());
      assertThat(table.text(row, "verdict")).as(cell.getKey()).isNotEqualTo("INSUFFICIENT_DATA");
      assertThat(cell.getValue()).as(cell.getKey() + " " + row)
          .isBetween(number(row, "ci_low"), number(row, "ci_high"));
    }
  }

  @Test
  void theNaiveDifferenceFlattersSalesWhereRepsPickBusyAccounts() throws IOException {
    // B2B cells hold thousands of accounts: there the planted confounding must show beyond noise.
    BigDecimal naiveErrors = BigDecimal.ZERO;
    BigDecimal adjustedErrors = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> cell : planted().entrySet()) {
      List<String> row = conversion(cell.getKey());
      BigDecimal naiveError = number(row, "naive_lift").subtract(cell.getValue());
      if (cell.getKey().startsWith("B2B")) {
        assertThat(naiveError).as(cell.getKey() + " " + row).isGreaterThan(new BigDecimal("0.04"));
      }
      naiveErrors = naiveErrors.add(naiveError.abs());
      adjustedErrors = adjustedErrors.add(number(row, "adjusted_lift").subtract(cell.getValue()).abs());
    }
    // Over all five cells the adjusted estimate is much closer to the truth than the naive one.
    assertThat(adjustedErrors.multiply(BigDecimal.valueOf(2))).isLessThan(naiveErrors);
  }

  @Test
  void cellsWithoutAnEffectAreNotCalledOneAndStrongEffectsAre() {
    assertThat(table.text(conversion("B2B/SMB"), "verdict")).isEqualTo("NO_CLEAR_EFFECT");
    assertThat(table.text(conversion("B2C/SMB"), "verdict")).isEqualTo("NO_CLEAR_EFFECT");
    assertThat(table.text(conversion("B2B/ENT"), "verdict")).isEqualTo("ADDS_VALUE");
    assertThat(table.text(conversion("B2B/MID"), "verdict")).isEqualTo("ADDS_VALUE");
  }

  @Test
  void theAccountsToEngageLieWhereATouchWasPlantedToPayOff() throws IOException {
    Map<String, BigDecimal> truth = planted();
    assertThat(toEngage.rows()).isNotEmpty();
    for (List<String> row : toEngage.rows()) {
      String cell = toEngage.text(row, "segment") + "/" + toEngage.text(row, "size_band");
      assertThat(truth.get(cell)).as(cell + " " + row).isPositive();
    }
  }

  /** planted_effects.csv as the generator wrote it: what the test compares with. */
  private static Map<String, BigDecimal> planted() throws IOException {
    Map<String, BigDecimal> truth = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve(SampleGenerator.PLANTED_FILE)).subList(1, 6)) {
      String[] f = line.split(",");
      truth.put(f[0] + "/" + f[1], new BigDecimal(f[3]));
    }
    return truth;
  }

  private static List<String> conversion(String cell) {
    String[] key = cell.split("/");
    return table.rows().stream()
        .filter(r -> r.get(0).equals(key[0]) && r.get(1).equals(key[1]) && r.get(2).equals("CONVERTED_180D"))
        .findFirst().orElseThrow(() -> new AssertionError("no row for " + cell));
  }

  private static BigDecimal number(List<String> row, String column) {
    return table.number(row, column).orElseThrow(() -> new AssertionError("no " + column + " in " + row));
  }
}

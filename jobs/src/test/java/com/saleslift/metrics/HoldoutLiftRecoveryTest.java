package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.generate.SampleGenerator;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.model.Calendar;
import com.saleslift.run.AssignmentLog;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * holdout_lift against the truth, over fifty generated companies (seeds 1 to 50) that each ran
 * the list with a fifth held out for a year, reps touching 60% of the listed accounts and 5% of
 * the held-out ones. The truth of a cell is its planted effect times that gap in touch rates
 * ({@code planted_holdout.csv}); the 95% interval must cover it in at least 45 of the 50.
 *
 * <p>Fifty whole pipelines would take minutes, so the companies are read as the experiment needs
 * them (creation, first paid day, assisted activities, the log), their ids and segments marked
 * with the seed, and measured in one Spark computation: each seed's cells are cells of their own.
 */
class HoldoutLiftRecoveryTest {
  static final LocalDate END = LocalDate.of(2026, 10, 31);
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final int SEEDS = 50;
  static final Set<String> ASSISTED = SalesLiftConfig.defaults().salesTouch().assistedTypes();
  @TempDir
  static Path dir;
  static ResultTable table;
  static final Map<String, BigDecimal> truth = new TreeMap<>();

  @BeforeAll
  static void generateAndMeasure() throws IOException {
    List<Assignment> log = new ArrayList<>();
    List<Row> accounts = new ArrayList<>();
    List<Row> activities = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      Path in = dir.resolve(seed + "/in");
      Path out = dir.resolve(seed + "/out");
      SampleGenerator.write(in, new SampleGenerator.Settings(2000, 13, seed, END, SampleGenerator.DEFAULT_EFFECTS, 0, false,
          new SampleGenerator.Holdout(new BigDecimal("0.2"), 0.6, out)));
      String tag = "s" + seed + "-";
      for (Assignment a : AssignmentLog.of(out).read().values()) {
        log.add(new Assignment(tag + a.accountId(), a.arm(), a.assignedOn(), tag + a.segment(), a.sizeBand(), a.salt(),
            a.holdoutShare()));
      }
      Map<String, LocalDate> firstPaid = new HashMap<>();
      for (CSVRecord r : csv(in.resolve("subscriptions.csv"))) {
        if (new BigDecimal(r.get("mrr")).signum() > 0) {
          firstPaid.merge(r.get("account_id"), LocalDate.parse(r.get("start_date")), (x, y) -> x.isBefore(y) ? x : y);
        }
      }
      Map<String, Row> seen = new HashMap<>();
      for (CSVRecord r : csv(in.resolve("accounts.csv"))) {
        LocalDate paid = firstPaid.get(r.get("account_id"));
        seen.putIfAbsent(r.get("account_id"), RowFactory.create(tag + r.get("account_id"),
            Timestamp.from(Instant.parse(r.get("created_at"))), paid == null ? null : Date.valueOf(paid)));
      }
      accounts.addAll(seen.values());
      for (CSVRecord r : csv(in.resolve("activities.csv"))) {
        activities.add(RowFactory.create(tag + r.get("account_id"), Timestamp.from(Instant.parse(r.get("occurred_at"))),
            ASSISTED.contains(r.get("activity_type"))));
      }
      for (CSVRecord r : csv(in.resolve(SampleGenerator.PLANTED_HOLDOUT_FILE))) {
        truth.put(tag + r.get("segment") + "/" + r.get("size_band"), new BigDecimal(r.get("planted_itt_lift")));
      }
    }
    SparkSession spark = SparkTestSession.get();
    spark.conf().set("spark.sql.session.timeZone", ZONE.getId());
    Dataset<Row> accountRows = spark.createDataFrame(accounts, new StructType()
        .add("account_id", DataTypes.StringType).add("created_at", DataTypes.TimestampType)
        .add("first_paid_date", DataTypes.DateType));
    Dataset<Row> activityRows = spark.createDataFrame(activities, new StructType()
        .add("account_id", DataTypes.StringType).add("occurred_at", DataTypes.TimestampType)
        .add("assisted", DataTypes.BooleanType));
    SalesLiftConfig.Lift lift = SalesLiftConfig.defaults().lift();
    table = TableFormatter.format(HoldoutLift.TABLE, HoldoutLift.compute(
        HoldoutLift.accountArms(HoldoutLift.assignments(spark, log), accountRows, activityRows,
            new Calendar(1, END, ZONE), lift),
        HoldoutLift.observational(spark, new ResultTable("sales_lift", List.of("segment", "size_band", "outcome", "adjusted_lift"),
            List.of())), lift));
    SparkTestSession.reset(spark);
  }

  @Test
  void theIntervalCoversTheTruthInAtLeast45Of50CompaniesInEveryCell() {
    assertThat(truth).hasSize(3 * SEEDS);
    for (String band : List.of("ENT", "MID", "SMB")) {
      int covered = 0;
      for (int seed = 1; seed <= SEEDS; seed++) {
        String cell = "s" + seed + "-B2B/" + band;
        List<String> row = row(cell);
        BigDecimal low = table.number(row, "ci_low").orElseThrow(() -> new AssertionError("no interval for " + cell));
        BigDecimal high = table.number(row, "ci_high").orElseThrow();
        if (truth.get(cell).compareTo(low) >= 0 && truth.get(cell).compareTo(high) <= 0) {
          covered++;
        }
      }
      System.out.println("holdout_lift B2B " + band + ": the 95% interval covered the planted truth in " + covered + " of " + SEEDS);
      assertThat(covered).as(band).isGreaterThanOrEqualTo(45);
    }
  }

  @Test
  void repsFollowedTheListAsSimulatedAndNoSampleRatioFails() {
    for (int seed = 1; seed <= SEEDS; seed++) {
      List<String> all = row("s" + seed + "-B2B/ALL");
      assertThat(table.number(all, "listed_touched_share").orElseThrow()).isBetween(new BigDecimal("0.5"), new BigDecimal("0.7"));
      assertThat(table.number(all, "holdout_touched_share").orElseThrow()).isLessThan(new BigDecimal("0.15"));
      assertThat(table.text(all, "verdict")).isNotEqualTo("SAMPLE_RATIO_MISMATCH");
    }
  }

  private static List<String> row(String cell) {
    String[] key = cell.split("/");
    return table.rows().stream().filter(r -> r.get(0).equals(key[0]) && r.get(1).equals(key[1])).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + cell));
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }
}

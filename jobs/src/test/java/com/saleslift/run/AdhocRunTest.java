package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.cli.SalesLiftCli;
import com.saleslift.generate.SampleGenerator;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ad-hoc window against the nightly run on the window's last day, on the same generated company:
 * cut from that published nightly, and computed where no nightly holds it.
 */
class AdhocRunTest {
  @TempDir
  static Path dir;
  static Path input;
  static Path nightly;
  static Path adhoc;
  static Path cutWithProduct;
  static Path computedWithProduct;

  @BeforeAll
  static void runBoth() throws IOException {
    SparkTestSession.get();
    input = dir.resolve("in");
    SampleGenerator.write(input, new SampleGenerator.Settings(300, 18, 11, LocalDate.of(2025, 6, 30)));
    Path out = dir.resolve("out");
    run("nightly", "--input", input.toString(), "--output", out.toString(), "--date", "2025-06-30");
    run("adhoc", "--input", input.toString(), "--output", out.toString(), "--from", "2025-01", "--to", "2025-06", "--segment", "B2B");
    nightly = out.resolve("2025-06-30");
    adhoc = out.resolve("adhoc-2025-01-2025-06-B2B");
    String[] withProduct = {"--from", "2025-02", "--to", "2025-06", "--segment", "B2B", "--product", "core"};
    run(concat(new String[] {"adhoc", "--input", input.toString(), "--output", out.toString()}, withProduct));
    cutWithProduct = out.resolve("adhoc-2025-02-2025-06-B2B-core");
    // No nightly of 2025-06-30 in this output folder: computed.
    Path elsewhere = dir.resolve("elsewhere");
    run(concat(new String[] {"adhoc", "--input", input.toString(), "--output", elsewhere.toString()}, withProduct));
    computedWithProduct = elsewhere.resolve("adhoc-2025-02-2025-06-B2B-core");
  }

  private static String[] concat(String[] a, String[] b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
  }

  private static void run(String... args) {
    assertThat(SalesLiftCli.commandLine(List.of(args)).execute(args)).isZero();
  }

  @Test
  void monthsOfTheWindowAndTheSegmentEqualTheNightly() throws IOException {
    assertSubset("mrr_movements", cells -> cells[0].compareTo("2025-01") >= 0 && cells[1].equals("B2B"));
    assertSubset("revenue_retention", cells -> cells[1].equals("B2B"));
    assertSubset("activation", cells -> cells[0].compareTo("2025-01") >= 0 && cells[1].equals("B2B"));
  }

  @Test
  void fiscalQuartersAndTargetPeriodsTouchingTheWindow() throws IOException {
    // The fiscal year starts in February: Nov-Jan, Feb-Apr and May-Jul overlap January to June 2025.
    Set<String> quarters = Set.of("FY2025-Q4", "FY2026-Q1", "FY2026-Q2");
    assertSubset("sales_funnel", cells -> quarters.contains(cells[0]) && cells[1].equals("B2B"));
    assertSubset("activity_effectiveness", cells -> quarters.contains(cells[0]) && cells[1].equals("B2B"));
    Set<String> periods = Set.of("2024-11-01", "2025-02-01", "2025-05-01");
    assertSubset("quota_attainment", cells -> periods.contains(cells[5]));
  }

  @Test
  void tablesWithoutTimeColumnsAreFilteredOnSegmentOnly() throws IOException {
    assertSubset("onboarding", cells -> cells[0].equals("B2B"));
    assertSubset("outreach_mix", cells -> cells[0].equals("B2B"));
    assertSubset("lifecycle", cells -> true);
  }

  @Test
  void theReportIsTitledWithTheWindowAndLatestStillNamesTheNightly() throws IOException {
    try (PDDocument pdf = Loader.loadPDF(adhoc.resolve("report.pdf").toFile())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("Ad-hoc run: 2025-01 to 2025-06, segment B2B",
          "Data window: 2025-01 to 2025-06");
    }
    assertThat(Files.readString(dir.resolve("out/latest")).strip()).isEqualTo("2025-06-30");
    assertThat(adhoc.resolve("metrics/parquet/account_mrr_movements")).isDirectory();
  }

  /** Cut from the nightly without Spark, or computed: the same tables, rejects and drill-down. */
  @Test
  void anAdhocRunCutFromThePublishedNightlyEqualsOneComputed() throws IOException {
    JsonNode cut = new ObjectMapper().readTree(cutWithProduct.resolve("run.json").toFile());
    assertThat(cut.path("cut_from").asText()).isEqualTo(nightly.toString());
    assertThat(cut.path("stage_seconds").fieldNames()).toIterable().containsExactly("cut", "render");
    assertThat(cut.path("spark_jobs").size()).isZero();
    JsonNode computed = new ObjectMapper().readTree(computedWithProduct.resolve("run.json").toFile());
    assertThat(computed.has("cut_from")).isFalse();
    assertThat(cut.path("input_tables")).isEqualTo(computed.path("input_tables"));

    for (String folder : List.of("metrics", "rejects")) {
      try (Stream<Path> files = Files.list(computedWithProduct.resolve(folder))) {
        List<Path> csvs = files.filter(p -> p.toString().endsWith(".csv")).toList();
        assertThat(csvs).hasSizeGreaterThan(5);
        for (Path file : csvs) {
          assertThat(cutWithProduct.resolve(folder).resolve(file.getFileName().toString())).as(file.toString())
              .hasSameBinaryContentAs(file);
        }
      }
    }
    var spark = SparkTestSession.get();
    List<Row> drillDown = spark.read().parquet(computedWithProduct.resolve("metrics/parquet/account_mrr_movements").toString())
        .orderBy("account_id", "month", "product_id").collectAsList();
    assertThat(drillDown).isNotEmpty().allMatch(r -> r.getAs("product_id").equals("core") && r.<String>getAs("month").compareTo("2025-02") >= 0);
    assertThat(spark.read().parquet(cutWithProduct.resolve("metrics/parquet/account_mrr_movements").toString())
        .orderBy("account_id", "month", "product_id").collectAsList()).containsExactlyElementsOf(drillDown);
  }

  /** Touched input (a re-export): its fingerprint no longer matches the nightly's, so the window is computed. */
  @Test
  void anInputChangedSinceTheNightlyIsComputedAgain() throws IOException {
    Path out = dir.resolve("out");
    Path accounts = input.resolve("accounts.csv");
    Files.setLastModifiedTime(accounts, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(accounts).toMillis() + 1000));
    run("adhoc", "--input", input.toString(), "--output", out.toString(), "--from", "2025-03", "--to", "2025-06");
    JsonNode json = new ObjectMapper().readTree(out.resolve("adhoc-2025-03-2025-06/run.json").toFile());
    assertThat(json.has("cut_from")).isFalse();
    assertThat(json.path("stage_seconds").has("validate")).isTrue();
  }

  private static void assertSubset(String table, Predicate<String[]> keep) throws IOException {
    List<String> all = Files.readAllLines(nightly.resolve("metrics/" + table + ".csv"));
    List<String> expected = new java.util.ArrayList<>(List.of(all.get(0)));
    all.stream().skip(1).filter(line -> keep.test(line.split(",", -1))).forEach(expected::add);
    assertThat(expected).as(table).hasSizeGreaterThan(1);
    assertThat(Files.readAllLines(adhoc.resolve("metrics/" + table + ".csv"))).as(table).containsExactlyElementsOf(expected);
  }
}

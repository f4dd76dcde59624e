package com.saleslift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of the fields and rows of a small valid company, each case a whole nightly
 * run (validate, normalise, metrics, charts, PDF). Where IngestFuzzTest breaks bytes and only
 * reads, these inputs are well-formed CSV with odd content (far dates, huge or tiny amounts,
 * another row's key, a copied or dropped row, spreadsheet formulas, text where a number goes),
 * which is what reaches the later stages. Every case must be published (exit 0) or refused
 * with one line (exit 2 or 3); never exit 1, never a stack trace; and run.json's row counts
 * must add up.
 */
class WholeRunFuzzTest {
  /** A whole run costs seconds, so few cases with several edits each. */
  private static final int CASES = 6;
  private static final int EDITS_PER_CASE = 8;
  private static final List<String> ODD_VALUES = List.of("", "0", "-1", "0.0000001", "99999999999999999999.99",
      "1e3", "NaN", "1900-01-01", "2099-12-31", "2024-02-29", "2024-06-30T23:59:59Z", "2024-07-01T00:00:00Z",
      "=HYPERLINK(\"x\")", "Zoë 😀", " A1 ", "b2b", "TRUE", "line\nbreak", "R3", "p", "A4", "EUR", "JPY");
  private static final AtomicInteger PUBLISHED = new AtomicInteger();
  private static Path base;

  @BeforeAll
  static void locate() throws URISyntaxException {
    base = Path.of(WholeRunFuzzTest.class.getResource("/bad-inputs/_base").toURI());
    SparkTestSession.get();
  }

  @AfterAll
  static void mostCasesReachTheReport() {
    assertThat(PUBLISHED.get()).as("cases published").isGreaterThanOrEqualTo(CASES / 2);
  }

  static Stream<Integer> seeds() {
    return IntStream.range(0, CASES).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMutatedCompanyIsPublishedOrRefusedNeverFails(int seed, @TempDir Path dir) throws IOException {
    Path input = dir.resolve("in");
    InputFolder.copyTree(base, input);
    List<Path> csvs;
    try (Stream<Path> list = Files.list(input)) {
      csvs = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    // Rejects alone never refuse the run here: the cases are meant to reach metrics and the report.
    Files.writeString(input.resolve("saleslift.yaml"), "max_reject_ratio: 1.0\n");
    SplittableRandom random = new SplittableRandom(1127L * 31 + seed);
    List<String> edits = new ArrayList<>();
    for (int e = 0; e < EDITS_PER_CASE; e++) {
      edits.add(edit(csvs.get(random.nextInt(csvs.size())), random));
    }
    Path output = dir.resolve("out");

    CliRun run = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", "2024-06-30");

    String what = "edits " + edits + "; stderr: " + run.stderr();
    assertThat(run.exit()).as(what).isIn(ExitCodes.OK, ExitCodes.USAGE, ExitCodes.INPUT_REFUSED);
    assertThat(run.stderr()).as(what).doesNotContain("\tat ", "Exception");
    if (run.exit() != ExitCodes.OK) {
      assertThat(run.stderrLines()).as(what).hasSize(1);
      return;
    }
    PUBLISHED.incrementAndGet();
    Path published = output.resolve("2024-06-30");
    assertThat(published.resolve("report.pdf")).as(what).isNotEmptyFile();
    JsonNode manifest = new ObjectMapper().readTree(published.resolve("run.json").toFile());
    assertThat(manifest.get("status").asText()).isEqualTo("SUCCEEDED");
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.get("input_tables").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> table = it.next();
      JsonNode counts = table.getValue();
      assertThat(counts.get("rows_read").asLong()).as(table.getKey() + ": read = accepted + rejected + duplicates + future; " + what)
          .isEqualTo(counts.get("rows_accepted").asLong() + counts.get("rows_rejected").asLong()
              + counts.get("duplicates_dropped").asLong() + counts.get("future_rows").asLong());
      Path rejects = published.resolve("rejects").resolve(table.getKey() + ".csv");
      if (Files.exists(rejects)) {
        assertThat(records(rejects).size() - 1).as(table.getKey() + " rejects file against run.json; " + what)
            .isEqualTo(counts.get("rows_rejected").asInt());
      }
    }
  }

  /** One edit of one table, described for the failure message so a case can be replayed by hand. */
  private static String edit(Path table, SplittableRandom random) throws IOException {
    List<CSVRecord> records = records(table);
    List<List<String>> rows = new ArrayList<>();
    records.forEach(r -> rows.add(new ArrayList<>(r.toList())));
    String name = table.getFileName().toString();
    if (rows.size() < 2) {
      return name + ": unchanged";
    }
    int row = 1 + random.nextInt(rows.size() - 1);
    int column = random.nextInt(rows.get(0).size());
    String description;
    switch (random.nextInt(5)) {
      case 0, 1 -> {
        String value = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        rows.get(row).set(column, value);
        description = name + " line " + (row + 1) + " " + rows.get(0).get(column) + "=" + value;
      }
      case 2 -> {
        int other = 1 + random.nextInt(rows.size() - 1);
        rows.get(row).set(column, rows.get(other).get(column));
        description = name + " line " + (row + 1) + " " + rows.get(0).get(column) + " from line " + (other + 1);
      }
      case 3 -> {
        rows.add(new ArrayList<>(rows.get(row)));
        description = name + " line " + (row + 1) + " copied";
      }
      default -> {
        rows.remove(row);
        description = name + " line " + (row + 1) + " removed";
      }
    }
    try (CSVPrinter out = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get()
        .print(Files.newBufferedWriter(table, StandardCharsets.UTF_8))) {
      out.printRecords(rows);
    }
    return description;
  }

  private static List<CSVRecord> records(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
      return parser.getRecords();
    }
  }
}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.generate.SampleGenerator;
import com.saleslift.metrics.HoldoutAssignment;
import com.saleslift.metrics.HoldoutAssignment.Arm;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.support.CliRun;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import com.saleslift.table.ResultTableCsv;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nightlies of a generated company that has held out a fifth of its list for a year, with
 * the log's last two weeks taken away so that the nightlies assign those accounts themselves:
 * the arms the job gives are the hash's, no logged arm changes, the log gains the nights' files,
 * and no held-out id reaches a file reps read.
 */
class HoldoutRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate END = LocalDate.of(2026, 10, 31);
  @TempDir
  static Path dir;
  static Path input;
  static Path output;
  static Map<String, Assignment> generated;

  @BeforeAll
  static void company() throws IOException {
    SparkTestSession.get();
    input = dir.resolve("in");
    output = dir.resolve("out");
    SampleGenerator.write(input, new SampleGenerator.Settings(2000, 15, 3, END, SampleGenerator.DEFAULT_EFFECTS, 0, false,
        new SampleGenerator.Holdout(new BigDecimal("0.2"), 0.6, output)));
    AssignmentLog log = AssignmentLog.of(output);
    generated = log.read();
    try (Stream<Path> files = Files.list(log.folder())) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().compareTo("2026-10-03") > 0) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  void nightliesKeepEveryArmAssignTheRestByTheHashAndShowRepsNoHeldOutAccount() throws IOException {
    Map<String, Assignment> before = AssignmentLog.of(output).read();
    for (LocalDate date : List.of(END.minusDays(7), END)) {
      CliRun run = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", date.toString());
      assertThat(run.exit()).as(run.stderr()).isZero();
    }
    Map<String, Assignment> after = AssignmentLog.of(output).read();
    before.forEach((id, a) -> assertThat(after.get(id)).as(id).isEqualTo(a));
    List<Assignment> added = after.values().stream().filter(a -> !before.containsKey(a.accountId())).toList();
    assertThat(added).isNotEmpty();
    for (Assignment a : added) {
      assertThat(a.arm()).as(a.accountId()).isEqualTo(HoldoutAssignment.arm("saleslift", a.accountId(), new BigDecimal("0.2")));
      assertThat(a.assignedOn()).isIn(END.minusDays(7), END);
      // Those the generator had assigned too, the job assigned alike.
      if (generated.containsKey(a.accountId())) {
        assertThat(a.arm()).isEqualTo(generated.get(a.accountId()).arm());
      }
    }
    assertThat(AssignmentLog.of(output).folder().resolve(END.minusDays(7) + ".csv")).exists();
    JsonNode experiment = JSON.readTree(output.resolve(END.minusDays(7).toString()).resolve("run.json").toFile()).get("experiment");
    assertThat(experiment.get("logged_before").asInt()).isEqualTo(before.size());
    assertThat(experiment.get("assigned").asLong() + JSON.readTree(output.resolve(END.toString()).resolve("run.json").toFile())
        .get("experiment").get("assigned").asLong()).isEqualTo(added.size());

    List<String> heldOut = after.values().stream().filter(a -> a.arm() == Arm.HOLDOUT).map(Assignment::accountId).toList();
    for (LocalDate date : List.of(END.minusDays(7), END)) {
      Path run = output.resolve(date.toString());
      for (Path file : repFacing(run)) {
        String text = file.getFileName().toString().endsWith(".pdf") ? pdfText(file) : Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String id : heldOut) {
          assertThat(text).as(file + " names held-out " + id).doesNotContain(id);
        }
      }
      // The list reps import is the listed arm alone, ranked from 1.
      ResultTable list = ResultTableCsv.read("accounts_to_engage", run.resolve("metrics/accounts_to_engage.csv"));
      assertThat(list.rows()).isNotEmpty();
      for (int i = 0; i < list.rows().size(); i++) {
        assertThat(list.text(list.rows().get(i), "rank")).isEqualTo(Integer.toString(i + 1));
        assertThat(after.get(list.text(list.rows().get(i), "account_id")).arm()).isEqualTo(Arm.LISTED);
      }
    }

    Path last = output.resolve(END.toString());
    ResultTable holdout = ResultTableCsv.read("holdout_lift", last.resolve("metrics/holdout_lift.csv"));
    assertThat(holdout.rows()).extracting(r -> r.get(0) + "/" + r.get(1)).contains("B2B/ALL", "B2B/MID", "B2B/SMB");
    long held = heldOut.size();
    long listed = after.size() - held;
    List<String> b2b = holdout.rows().stream().filter(r -> r.get(0).equals("B2B") && r.get(1).equals("ALL")).findFirst().orElseThrow();
    assertThat(Long.parseLong(holdout.text(b2b, "holdout_accounts")) + Long.parseLong(holdout.text(b2b, "listed_accounts")))
        .isEqualTo(after.values().stream().filter(a -> a.segment().equals("B2B")).count());
    assertThat(listed).isGreaterThan(held);
    assertThat(pdfText(last.resolve("report.pdf")).replaceAll("\\s+", " ")).contains("Does the list work?", "(listed v held out)");
    assertThat(Files.readString(last.resolve("report.html"))).contains("Does the list work?");
  }

  /**
   * Every file of a run folder a rep or a leader reads: all but holdout_lift (counts only) and
   * the analysts' files that hold every account by design: the MRR drill-down and the rejected
   * input rows.
   */
  private static List<Path> repFacing(Path run) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(run)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    return files.stream().filter(f -> {
      String path = run.relativize(f).toString();
      return !path.contains("holdout_lift") && !path.contains(MetricsRun.ACCOUNT_MRR) && !path.startsWith("rejects");
    }).toList();
  }

  private static String pdfText(Path pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(document);
    }
  }
}

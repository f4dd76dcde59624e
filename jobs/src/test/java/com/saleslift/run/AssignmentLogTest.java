package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.metrics.HoldoutAssignment;
import com.saleslift.metrics.HoldoutAssignment.Arm;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holdout's log across nights: arms that never change, files committed only with their run folder. */
class AssignmentLogTest {
  private static final LocalDate FIRST = LocalDate.of(2026, 10, 1);
  @TempDir
  Path output;

  /**
   * Thirty nights of a list whose accounts enter (a few new ones each night), stay a while and
   * leave (paid, touched, aged out), with the share raised from 0.1 to 0.3 on the sixteenth
   * night: whatever night an account is listed again, its arm is the one of its first night, and
   * that arm is the hash's at the share of that first night.
   */
  @Test
  void thirtyNightsNeverChangeAnAccountsArm() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    Map<String, Arm> firstArm = new HashMap<>();
    Map<String, BigDecimal> firstShare = new HashMap<>();
    List<String> onList = new ArrayList<>();
    int next = 0;
    int relisted = 0;
    for (int night = 0; night < 30; night++) {
      LocalDate date = FIRST.plusDays(night);
      BigDecimal share = new BigDecimal(night < 15 ? "0.1" : "0.3");
      onList.removeIf(id -> rnd.nextDouble() < 0.2);
      for (int k = 0; k < 12; k++) {
        onList.add(String.format(java.util.Locale.ROOT, "A%05d", next++));
      }
      // A few accounts that had left come back (their usage changed their cell): they are logged already.
      if (night > 3 && rnd.nextDouble() < 0.5) {
        onList.add(String.format(java.util.Locale.ROOT, "A%05d", rnd.nextInt(next)));
      }
      List<String> tonight = onList.stream().distinct().toList();

      Map<String, Arm> seen = nightly(date, tonight, share);
      for (String id : tonight) {
        Arm arm = seen.get(id);
        if (firstArm.containsKey(id)) {
          relisted++;
          assertThat(arm).as(id + " on " + date).isEqualTo(firstArm.get(id));
        } else {
          firstArm.put(id, arm);
          firstShare.put(id, share);
        }
      }
    }
    assertThat(relisted).isGreaterThan(300);
    Map<String, Assignment> log = AssignmentLog.of(output).read();
    assertThat(log).hasSize(firstArm.size());
    for (Assignment a : log.values()) {
      assertThat(a.arm()).isEqualTo(firstArm.get(a.accountId()));
      assertThat(a.holdoutShare()).isEqualByComparingTo(firstShare.get(a.accountId()));
      int cut = a.holdoutShare().compareTo(new BigDecimal("0.1")) == 0 ? 1000 : 3000;
      assertThat(HoldoutAssignment.bucket("saleslift", a.accountId()) < cut).isEqualTo(a.arm() == Arm.HOLDOUT);
    }
    try (Stream<Path> files = Files.list(AssignmentLog.of(output).folder())) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith(".")).toList()).isEmpty();
    }
  }

  @Test
  void aRunKilledBeforeItsFolderWasPublishedLogsNothing() throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    LocalDate date = LocalDate.of(2026, 10, 31);
    log.stage(date, List.of(assignment("A1", Arm.HOLDOUT, date))).orElseThrow();
    assertThat(log.read()).isEmpty();

    log.recover(date);
    assertThat(log.read()).isEmpty();
    try (Stream<Path> files = Files.list(log.folder())) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aRunKilledAfterPublishingIsCommittedByTheNextNightly() throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    LocalDate date = LocalDate.of(2026, 10, 30);
    AssignmentLog.Pending pending = log.stage(date, List.of(assignment("A1", Arm.HOLDOUT, date))).orElseThrow();
    publish(date, pending.batch());

    log.recover(date.plusDays(1));
    assertThat(log.read()).containsOnlyKeys("A1");
    assertThat(log.folder().resolve("2026-10-30.csv")).exists();
  }

  @Test
  void anotherDatesRunStillPublishingKeepsItsPendingFile() throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    LocalDate other = LocalDate.of(2026, 10, 29);
    AssignmentLog.Pending pending = log.stage(other, List.of(assignment("A1", Arm.LISTED, other))).orElseThrow();
    log.recover(LocalDate.of(2026, 10, 31));
    assertThat(pending.file()).exists();
    assertThat(log.read()).isEmpty();
  }

  @Test
  void aRerunOfADateAddsAFileAndKeepsTheFirst() throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    LocalDate date = LocalDate.of(2026, 10, 31);
    log.commit(log.stage(date, List.of(assignment("A1", Arm.HOLDOUT, date))).orElseThrow());
    log.commit(log.stage(date, List.of(assignment("A2", Arm.LISTED, date))).orElseThrow());
    assertThat(log.folder().resolve("2026-10-31.csv")).exists();
    assertThat(log.folder().resolve("2026-10-31.2.csv")).exists();
    assertThat(log.read()).containsOnlyKeys("A1", "A2");
  }

  @Test
  void aDamagedLineNamesItsFileAndLine() throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    LocalDate date = LocalDate.of(2026, 10, 31);
    log.commit(log.stage(date, List.of(assignment("A1", Arm.HOLDOUT, date), assignment("A2", Arm.LISTED, date))).orElseThrow());
    Path file = log.folder().resolve("2026-10-31.csv");
    Files.writeString(file, Files.readString(file).replace("A2,LISTED", "A2,LISTD"));
    assertThatThrownBy(log::read).isInstanceOf(com.saleslift.ingest.InputRefusedException.class)
        .hasMessage("the holdout's assignment log is damaged: " + file + " line 3: not an assignment: arm 'LISTD' is neither"
            + " LISTED nor HOLDOUT (restore the file; assigning its accounts again could put them in the other arm)");
  }

  @Test
  void aFileCutShortInsideAQuoteIsDamagedToo() throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    Files.createDirectories(log.folder());
    Path file = log.folder().resolve("2026-10-31.csv");
    Files.writeString(file, String.join(",", HoldoutAssignment.LOG_COLUMNS) + "\n\"A1,HOLDOUT,2026-10-31,B2B,MID,saleslift,0.2\n");
    assertThatThrownBy(log::read).isInstanceOf(com.saleslift.ingest.InputRefusedException.class)
        .hasMessageStartingWith("the holdout's assignment log is damaged: " + file + ": ")
        .hasMessageEndingWith("(restore the file; assigning its accounts again could put them in the other arm)");
  }

  /** One nightly's part in the log, as MetricsRun does it: recover, read, split, stage, publish, commit. */
  private Map<String, Arm> nightly(LocalDate date, List<String> list, BigDecimal share) throws IOException {
    AssignmentLog log = AssignmentLog.of(output);
    log.recover(date);
    Map<String, Assignment> logged = log.read();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      rows.add(List.of(Integer.toString(i + 1), list.get(i), "B2B", "MID"));
    }
    HoldoutAssignment.Split split = HoldoutAssignment.split(
        new ResultTable("accounts_to_engage", List.of("rank", "account_id", "segment", "size_band"), rows), logged,
        new SalesLiftConfig.Experiment(share, "saleslift"), date);
    Optional<AssignmentLog.Pending> pending = log.stage(date, split.added());
    publish(date, pending.map(AssignmentLog.Pending::batch).orElse(null));
    if (pending.isPresent()) {
      log.commit(pending.get());
    }
    Map<String, Arm> arms = new HashMap<>();
    logged.forEach((id, a) -> arms.put(id, a.arm()));
    split.added().forEach(a -> arms.put(a.accountId(), a.arm()));
    List<String> listed = split.listed().rows().stream().map(r -> r.get(1)).toList();
    // Reps see exactly the listed arm.
    assertThat(listed).allSatisfy(id -> assertThat(arms.get(id)).isEqualTo(Arm.LISTED));
    assertThat(list.stream().filter(id -> arms.get(id) == Arm.LISTED).toList()).isEqualTo(listed);
    return arms;
  }

  /** A published run folder whose run.json names the log's batch. */
  private void publish(LocalDate date, String batch) throws IOException {
    Path folder = Files.createDirectories(output.resolve(date.toString()));
    Files.writeString(folder.resolve("run.json"), batch == null ? "{}" : "{\"experiment\": {\"batch\": \"" + batch + "\"}}");
  }

  private static Assignment assignment(String id, Arm arm, LocalDate date) {
    return new Assignment(id, arm, date, "B2B", "MID", "saleslift", new BigDecimal("0.2"));
  }
}

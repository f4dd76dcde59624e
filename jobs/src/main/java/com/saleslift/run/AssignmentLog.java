package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.metrics.HoldoutAssignment;
import com.saleslift.metrics.HoldoutAssignment.Assignment;
import com.saleslift.table.ResultTable;
import com.saleslift.table.ResultTableCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The holdout's assignment log, `<output>/_history/experiment/assignments/`: one CSV per nightly
 * that assigned accounts, never rewritten and never pruned, because an account's arm must outlive
 * every run that could forget it.
 *
 * <p>A night's file is committed together with its run folder: it is staged as
 * `.pending-<date>-<batch>.csv` before the folder is published, the run's run.json names the
 * batch, and the file is renamed to `<date>.csv` once the folder is in place. A run killed in
 * between leaves a pending file that the next nightly settles by the run folder: committed if
 * the published run.json names its batch, deleted if it is of the date being run and unnamed (a
 * run of another date may still be publishing it). Readers skip pending files, so the accounts
 * reps were shown and the arms the log holds never disagree.
 */
public final class AssignmentLog {
  /** Under `_history/`: not a table of the run history, and never pruned with it. */
  public static final String FOLDER = "experiment";
  private static final String PENDING = ".pending-";
  private static final String CSV = ".csv";

  /** The output folder: its run folders say which pending file was published. */
  private final Path output;
  private final Path folder;

  private AssignmentLog(Path output) {
    this.output = output;
    this.folder = output.resolve(RunHistory.FOLDER).resolve(FOLDER).resolve("assignments");
  }

  public static AssignmentLog of(Path output) {
    return new AssignmentLog(output);
  }

  public Path folder() {
    return folder;
  }

  /** A night's assignments written but not yet committed, and the batch its run.json names. */
  public record Pending(Path file, LocalDate date, String batch) {}

  /**
   * Every logged account's arm: its first assignment, should two runs of different dates running
   * at once both have assigned it. A line that cannot be read refuses the run, naming file and
   * line: assigning such an account again could put it in the other arm.
   */
  public Map<String, Assignment> read() throws IOException {
    Map<String, Assignment> arms = new LinkedHashMap<>();
    for (Path file : committed()) {
      ResultTable table;
      try {
        table = ResultTableCsv.read("assignments", file);
      } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
        // commons-csv reports a broken quote or a file cut short this way; a missing header as IOException.
        throw damaged(file + ": " + FailureReason.firstLine(String.valueOf(e.getMessage())));
      }
      if (!table.columns().equals(HoldoutAssignment.LOG_COLUMNS)) {
        throw damaged(file + " line 1: the header must be " + String.join(",", HoldoutAssignment.LOG_COLUMNS));
      }
      for (int i = 0; i < table.rows().size(); i++) {
        Assignment a = parse(file, i + 2, table.rows().get(i));
        Assignment earlier = arms.get(a.accountId());
        if (earlier == null || a.assignedOn().isBefore(earlier.assignedOn())) {
          arms.put(a.accountId(), a);
        }
      }
    }
    return arms;
  }

  private static Assignment parse(Path file, int line, List<String> row) {
    try {
      if (row.size() != HoldoutAssignment.LOG_COLUMNS.size()) {
        throw new IllegalArgumentException(row.size() + " fields where " + HoldoutAssignment.LOG_COLUMNS.size() + " belong");
      }
      return Assignment.ofLogRow(row);
    } catch (IllegalArgumentException e) {
      throw damaged(file + " line " + line + ": not an assignment: " + e.getMessage());
    }
  }

  /** A log that cannot be read refuses the run (exit 3): it is restored, never guessed around. */
  private static InputRefusedException damaged(String what) {
    return new InputRefusedException("the holdout's assignment log is damaged: " + what
        + " (restore the file; assigning its accounts again could put them in the other arm)");
  }

  /** Tonight's new assignments staged under a fresh batch; none when nothing was assigned. */
  public Optional<Pending> stage(LocalDate date, List<Assignment> added) throws IOException {
    if (added.isEmpty()) {
      return Optional.empty();
    }
    Files.createDirectories(folder);
    String batch = UUID.randomUUID().toString();
    Path file = folder.resolve(PENDING + date + "-" + batch + CSV);
    List<List<String>> rows = new ArrayList<>();
    added.forEach(a -> rows.add(a.logRow()));
    ResultTableCsv.write(new ResultTable("assignments", HoldoutAssignment.LOG_COLUMNS, rows), file);
    return Optional.of(new Pending(file, date, batch));
  }

  /** The staged file under its final name: `<date>.csv`, or `<date>.2.csv` and on when a rerun of the date added accounts. */
  public void commit(Pending pending) throws IOException {
    Path target = folder.resolve(pending.date() + CSV);
    for (int n = 2; Files.exists(target); n++) {
      target = folder.resolve(pending.date() + "." + n + CSV);
    }
    Files.move(pending.file(), target, StandardCopyOption.ATOMIC_MOVE);
  }

  public void discard(Pending pending) throws IOException {
    Files.deleteIfExists(pending.file());
  }

  /**
   * Settles what killed runs left: a pending file whose date's published run.json names its
   * batch is committed; one of {@code runDate} (whose run lock the caller holds) that no
   * published run names is deleted. Pending files of other dates are left to their own runs.
   */
  public void recover(LocalDate runDate) throws IOException {
    for (Path file : RunHistory.list(folder)) {
      String name = file.getFileName().toString();
      if (!name.startsWith(PENDING)) {
        continue;
      }
      Optional<LocalDate> date = RunFolders.parseDate(name.substring(PENDING.length(), PENDING.length() + 10));
      if (date.isEmpty()) {
        continue;
      }
      String batch = name.substring(PENDING.length() + 11, name.length() - CSV.length());
      Optional<JsonNode> published = PublishedRun.manifest(output.resolve(date.get().toString()));
      if (published.map(m -> m.path("experiment").path("batch").asText("").equals(batch)).orElse(false)) {
        commit(new Pending(file, date.get(), batch));
      } else if (date.get().equals(runDate)) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The committed nightly files, oldest first. */
  private List<Path> committed() {
    return RunHistory.list(folder).stream()
        .filter(p -> !p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(CSV)).toList();
  }

}

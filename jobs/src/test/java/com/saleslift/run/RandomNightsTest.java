package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.generate.SampleGenerator;
import com.saleslift.support.CliRun;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.io.file.PathUtils;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights of a company whose exports arrive and change as real ones do: each night a new
 * day of usage events and one edit drawn at random (a late subscription row, a deal re-exported
 * with a new amount a year back, an activity deleted, an account moved to the other segment, an
 * event arriving late in an old day, a duplicate of an old event, the configuration changed).
 * After every night the incremental nightly, which builds on what earlier nights kept, publishes
 * byte for byte the tables and rejects of a `--full` run on the same input.
 */
class RandomNightsTest {
  private static final LocalDate END = LocalDate.of(2026, 10, 31);
  /**
   * Nights run: seven in the suite (every edit once, in an order drawn from the seed), thirty or
   * more with -Dsaleslift.randomNights=30; -Dsaleslift.randomNightsSeed=S draws another company
   * history. A whole run costs the suite about four seconds, and each night makes two.
   */
  private static final int NIGHTS = Integer.getInteger("saleslift.randomNights", 7);
  /** Fixed by default, so a failure names a night that the next run repeats exactly. */
  private static final long SEED = Long.getLong("saleslift.randomNightsSeed", 20261205L);
  private static final int USAGE_DAYS_BEFORE = 45;

  enum Edit { LATE_SUBSCRIPTION, DEAL_REEXPORTED, ACTIVITY_DELETED, SEGMENT_CHANGED, LATE_EVENT, DUPLICATE_EVENT, CONFIG_CHANGED }

  @TempDir
  Path dir;
  private final Random random = new Random(SEED);

  @Test
  void everyNightTheIncrementalRunPublishesWhatAFullRunPublishes() throws IOException {
    Path input = dir.resolve("in");
    SampleGenerator.write(input, new SampleGenerator.Settings(40, 14, 5, END, SampleGenerator.DEFAULT_EFFECTS, 12, true));
    Path aside = Files.createDirectories(dir.resolve("aside"));
    LocalDate firstNight = END.minusDays(NIGHTS - 1);
    try (Stream<Path> days = Files.list(input.resolve("usage_events"))) {
      for (Path day : days.toList()) {
        if (!dayOf(day).isBefore(firstNight)) {
          Files.move(day, aside.resolve(day.getFileName()));
        } else if (dayOf(day).isBefore(firstNight.minusDays(USAGE_DAYS_BEFORE))) {
          // Fourteen months of deals, subscriptions and activities, but usage exported for the
          // last weeks only: every run reads each day's file, and a --full run parses them all.
          PathUtils.deleteDirectory(day);
        }
      }
    }
    assertThat(nightly(input, "incremental", firstNight.minusDays(1), false).exit()).isZero();

    List<Edit> done = new ArrayList<>();
    List<Edit> deck = new ArrayList<>();
    for (int night = 0; night < NIGHTS; night++) {
      LocalDate date = firstNight.plusDays(night);
      Path arrived = aside.resolve("dt=" + date);
      if (Files.exists(arrived)) {
        Files.move(arrived, input.resolve("usage_events").resolve(arrived.getFileName()));
      }
      // Each run of seven nights makes every edit once, in a random order.
      if (deck.isEmpty()) {
        deck.addAll(List.of(Edit.values()));
        Collections.shuffle(deck, random);
      }
      Edit edit = deck.remove(0);
      apply(edit, input, date, night);
      done.add(edit);

      CliRun incremental = nightly(input, "incremental", date, false);
      CliRun full = nightly(input, "full", date, true);
      String which = "night " + (night + 1) + " (" + date + ") after " + done;
      assertThat(List.of(incremental.exit(), full.exit())).as(which + ": " + incremental.stderr() + full.stderr()).containsOnly(0);
      assertSamePublished(dir.resolve("full").resolve(date.toString()), dir.resolve("incremental").resolve(date.toString()), which);
    }
    // Seven nights or more make every edit at least once.
    assertThat(done).containsAll(List.of(Edit.values()));
  }

  private CliRun nightly(Path input, String output, LocalDate date, boolean full) {
    List<String> args = new ArrayList<>(List.of("nightly", "--input", input.toString(), "--output", dir.resolve(output).toString(),
        "--date", date.toString()));
    if (full) {
      args.add("--full");
    }
    return CliRun.of(args);
  }

  private void apply(Edit edit, Path input, LocalDate date, int night) throws IOException {
    switch (edit) {
      case LATE_SUBSCRIPTION -> edit(input.resolve("subscriptions.csv"), rows -> {
        // subscription_id,account_id,product_id,plan,seats,mrr,currency,start_date,end_date
        String account = pick(rows, r -> true).get(1);
        rows.add(List.of("S-late-" + night, account, "analytics", "team", "3", "45.50", "", date.minusDays(40).toString(), ""));
      });
      case DEAL_REEXPORTED -> edit(input.resolve("opportunities.csv"), rows -> {
        // amount is column 8, close_date 12, last_modified_at 13: a won deal closed over a year back, if any.
        Predicate<List<String>> old = r -> !r.get(12).isEmpty() && LocalDate.parse(r.get(12)).isBefore(date.minusDays(300));
        List<String> deal = pick(rows, rows.subList(1, rows.size()).stream().anyMatch(old) ? old : r -> !r.get(8).isEmpty());
        deal.set(8, new BigDecimal(deal.get(8)).multiply(new BigDecimal("1.5")).setScale(2, RoundingMode.HALF_UP).toPlainString());
        deal.set(13, date + "T09:00:00Z");
      });
      case ACTIVITY_DELETED -> edit(input.resolve("activities.csv"), rows -> rows.remove(pick(rows, r -> true)));
      case SEGMENT_CHANGED -> edit(input.resolve("accounts.csv"), rows -> {
        List<String> account = pick(rows, r -> true);
        account.set(2, account.get(2).equals("B2B") ? "B2C" : "B2B");
      });
      case LATE_EVENT -> {
        // A day already read, exported again with one more event: the file the state was built from changed.
        Path old = oldestDay(input);
        edit(old, rows -> rows.add(List.of("E-late-" + night, dayOf(old.getParent()) + "T12:00:00Z", "A00003", "", "core",
            "project_created")));
      }
      case DUPLICATE_EVENT -> {
        // Today's export repeats an event of an old day, id and all: the older row may be the one to keep.
        List<List<String>> old = read(oldestDay(input));
        Path today = Files.createDirectories(input.resolve("usage_events/dt=" + date));
        write(today.resolve("part-late-" + night + ".csv"), old.subList(0, 2));
      }
      case CONFIG_CHANGED -> {
        Path yaml = input.resolve("saleslift.yaml");
        String config = Files.readString(yaml);
        String changed = config.contains("window_days: 14") ? config.replace("window_days: 14", "window_days: 21")
            : config.replace("window_days: 21", "window_days: 14");
        Files.writeString(yaml, changed.contains("lift:") ? changed : changed + "lift:\n  pre_period_days: " + (5 + night % 4) + "\n");
      }
    }
  }

  private List<String> pick(List<List<String>> rows, Predicate<List<String>> which) {
    List<List<String>> candidates = rows.subList(1, rows.size()).stream().filter(which).toList();
    return candidates.get(random.nextInt(candidates.size()));
  }

  private static Path oldestDay(Path input) throws IOException {
    try (Stream<Path> days = Files.list(input.resolve("usage_events"))) {
      Path day = days.sorted().findFirst().orElseThrow();
      try (Stream<Path> files = Files.list(day)) {
        return files.sorted().findFirst().orElseThrow();
      }
    }
  }

  private static LocalDate dayOf(Path partition) {
    return LocalDate.parse(partition.getFileName().toString().substring("dt=".length()));
  }

  private interface RowsEdit {
    void apply(List<List<String>> rows) throws IOException;
  }

  /** Rewrites a CSV file (header row first) after {@code change}, as an export of the next night would arrive. */
  private static void edit(Path file, RowsEdit change) throws IOException {
    List<List<String>> rows = read(file);
    change.apply(rows);
    write(file, rows);
  }

  private static List<List<String>> read(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord record : CSVFormat.DEFAULT.parse(in)) {
        rows.add(new ArrayList<>(record.toList()));
      }
    }
    return rows;
  }

  private static void write(Path file, List<List<String>> rows) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
         CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
      printer.printRecords(rows);
    }
  }

  /** The CSV tables and rejects of two runs, byte for byte (the Parquet copies carry writer ids and follow the CSVs). */
  private static void assertSamePublished(Path full, Path incremental, String night) throws IOException {
    for (String folder : List.of("metrics", "rejects")) {
      List<Path> files = csvs(full.resolve(folder));
      assertThat(csvs(incremental.resolve(folder)).stream().map(p -> p.getFileName().toString()))
          .as(night).containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
      for (Path f : files) {
        assertThat(Files.readString(incremental.resolve(folder).resolve(f.getFileName()))).as(night + ": " + folder + "/" + f.getFileName())
            .isEqualTo(Files.readString(f));
      }
    }
  }

  private static List<Path> csvs(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }
}

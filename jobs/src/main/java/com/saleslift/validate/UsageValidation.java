package com.saleslift.validate;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.KeyHashes;
import com.saleslift.ingest.ParsedTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static org.apache.spark.sql.functions.col;

/**
 * Usage events through the rules across rows, into their {@link UsageRollup}. When the last
 * run's {@link UsageState} covers every file but the new ones, only the new rows and the rows
 * it held aside go through the rules, and the rollup is the state's merged with theirs: the
 * nightly cost follows the new day, not the history. Whenever the state cannot say exactly what
 * every event would (a file changed or vanished, a new event repeats an old id, an account with
 * events is no longer accepted, an account's pre-period needs events it does not keep, a damaged
 * state), every event goes through the rules instead and the state is built again: slower,
 * never different.
 */
final class UsageValidation {
  private static final Logger LOG = LoggerFactory.getLogger(UsageValidation.class);
  private static final CanonicalTable TABLE = CanonicalTable.USAGE_EVENTS;
  /**
   * Past this many repeated event_ids, every event is ranked to find them: the query names each
   * repeated hash as a constant, and this bounds how many it carries.
   */
  private static final int SHARED_KEYS_LIMIT = 10_000;

  record Outcome(Validation.Checked checked, UsageRollup rollup) {}

  /** An outcome built on the state, or why the state could not decide it. */
  private record Attempt(Outcome built, String whyNot) {
    static Attempt not(String why) {
      return new Attempt(null, why);
    }
  }

  private final SparkSession spark;
  private final SalesLiftConfig config;
  private final LocalDate runDate;
  private final UsageState state;
  private final boolean full;

  UsageValidation(SparkSession spark, SalesLiftConfig config, LocalDate runDate, UsageState state, boolean full) {
    this.spark = spark;
    this.config = config;
    this.runDate = runDate;
    this.state = state;
    this.full = full;
  }

  /**
   * @param check the rules across rows on some rows (and their count), holding aside what a later run may accept
   * @param empty the outcome for a table without rows
   */
  Outcome validate(ParsedTable input, Map<CanonicalTable, Dataset<Row>> accepted,
      Function<Validation.Events, Validation.Checked> check, Function<CanonicalTable, Validation.Checked> empty) {
    Dataset<Row> accounts = accepted.get(CanonicalTable.ACCOUNTS);
    Instant asOf = AsOfFilter.endOf(runDate, config.reportingTimezone());
    if (state == null) {
      return everyEvent(input, accounts, asOf, check, empty, "no state is kept by this command", false);
    }
    if (full) {
      return everyEvent(input, accounts, asOf, check, empty, "--full was asked", true);
    }
    UsageState.Result loaded = state.load(spark);
    if (loaded.snapshot() == null) {
      return everyEvent(input, accounts, asOf, check, empty, loaded.missing(), true);
    }
    UsageState.Snapshot last = loaded.snapshot();
    if (asOf.isBefore(last.asOf())) {
      // A backfill: the state stays as the nightly left it, for the next nightly.
      return everyEvent(input, accounts, asOf, check, empty, "the run date is before the usage state's", false);
    }
    Attempt attempt;
    try {
      attempt = fromState(input, accepted, check, last, asOf);
    } catch (Exception damaged) {
      // Spark reports a damaged Parquet file as a SparkException, undeclared: caught here by its supertype.
      LOG.warn("usage state unusable, reading every event: {}", damaged.toString());
      attempt = Attempt.not("the usage state cannot be read (" + damaged.getClass().getSimpleName() + ")");
    }
    return attempt.built() != null ? attempt.built() : everyEvent(input, accounts, asOf, check, empty, attempt.whyNot(), true);
  }

  /** Every event through the rules; the state built again from them when {@code keep}. */
  private Outcome everyEvent(ParsedTable input, Dataset<Row> accounts, Instant asOf,
      Function<Validation.Events, Validation.Checked> check, Function<CanonicalTable, Validation.Checked> empty,
      String why, boolean keep) {
    LOG.info("usage events: reading every event: {}", why);
    Validation.Checked checked = input.acceptedRows() == 0 ? empty.apply(TABLE)
        : check.apply(new Validation.Events(Validation.distributed(spark, input), input.acceptedRows(),
            input.rows().isEmpty() ? sharedKeys(input.cached()) : null));
    Dataset<Row> groups = UsageRollup.groups(checked.accepted()).localCheckpoint(true, StorageLevel.DISK_ONLY());
    Dataset<Row> early = UsageRollup.early(checked.accepted(), accounts, config.lift()).localCheckpoint();
    Dataset<Row> daily = UsageRollup.daily(checked.accepted(), runDate).localCheckpoint();
    if (keep && input.rows().isEmpty()) {
      state.write(asOf, parsedFiles(input), checked.acceptedCount(),
          checked.duplicates(), groups, UsageRollup.earliest(checked.accepted(), accounts, config.lift()), checked.held(), daily);
    }
    return new Outcome(checked, new UsageRollup(groups, early, daily, "every event read: " + why));
  }

  /** The outcome built on the state, or the reason it cannot be. */
  private Attempt fromState(ParsedTable input, Map<CanonicalTable, Dataset<Row>> accepted,
      Function<Validation.Events, Validation.Checked> check, UsageState.Snapshot last, Instant asOf) {
    if (!input.rows().isEmpty()) {
      return Attempt.not("usage events were not read through the parse cache");
    }
    Map<String, String> now = parsedFiles(input);
    for (Map.Entry<String, String> kept : last.manifest().files().entrySet()) {
      if (!kept.getValue().equals(now.get(kept.getKey()))) {
        return Attempt.not(kept.getKey() + " changed or is gone since the usage state was built");
      }
    }
    List<ParsedTable.CachedFile> added = input.cached().stream()
        .filter(f -> !last.manifest().files().containsKey(f.source())).toList();
    Optional<String> repeated = repeatedKey(input, added, last);
    if (repeated.isPresent()) {
      return Attempt.not("an event of a new file repeats the event_id of one in " + repeated.get());
    }
    Dataset<Row> accounts = accepted.get(CanonicalTable.ACCOUNTS);
    // Their rows are not kept, so only every event can say which to reject. Asked before the
    // rules run on the new rows: the answer needs only the state and the accepted parents.
    if (!last.earliest().select(ACCOUNT_ID).join(accounts.select(ACCOUNT_ID), ACCOUNT_ID, "left_anti").isEmpty()
        || !last.groups().select("product_id").distinct()
            .join(accepted.get(CanonicalTable.PRODUCTS).select("product_id"), "product_id", "left_anti").isEmpty()) {
      return Attempt.not("an account or product with events in the usage state is no longer accepted");
    }
    Dataset<Row> rows = last.held();
    long total = last.manifest().held();
    Dataset<Row> fresh = Validation.cachedRows(spark, TABLE.schema(), added);
    if (fresh != null) {
      rows = rows.unionByName(fresh);
      total += added.stream().mapToLong(ParsedTable.CachedFile::rows).sum();
    }
    // The held rows' event_ids are distinct, and no new event repeats one (asked above).
    Validation.Checked checked = check.apply(new Validation.Events(rows, total, sharedKeys(added)));
    Dataset<Row> groups = UsageRollup.mergeGroups(last.groups(), UsageRollup.groups(checked.accepted()))
        .localCheckpoint(true, StorageLevel.DISK_ONLY());
    Dataset<Row> earliest = UsageRollup.mergeEarliest(last.earliest(), UsageRollup.earliest(checked.accepted(), accounts,
        config.lift()), accounts, config.lift())
        .localCheckpoint(true, StorageLevel.DISK_ONLY());
    if (!UsageRollup.undecided(last.earliest(), accounts, config.lift()).isEmpty()) {
      return Attempt.not("an account's pre-period count needs events the usage state does not keep (its creation moved later)");
    }
    Dataset<Row> early = UsageRollup.earlyFromEarliest(earliest, accounts, config.lift()).localCheckpoint();
    // The state's days reach back from its own run date; this run's start no earlier (its date is not before).
    Dataset<Row> daily = UsageRollup.mergeDaily(last.daily(), UsageRollup.daily(checked.accepted(), runDate), runDate)
        .localCheckpoint();
    long acceptedCount = last.manifest().accepted() + checked.acceptedCount();
    long duplicates = last.manifest().duplicates() + checked.duplicates();
    state.write(asOf, now, acceptedCount, duplicates, groups, earliest, checked.held(), daily);
    Validation.Checked all = new Validation.Checked(null, acceptedCount, checked.rejects(), duplicates, checked.future(), null);
    String history = "built on the usage state: " + added.size() + " new file" + (added.size() == 1 ? "" : "s");
    LOG.info("usage events: {}", history);
    return new Attempt(new Outcome(all, new UsageRollup(groups, early, daily, history)), null);
  }

  /** An old file holding the id of an event in a new one, if any (by {@link KeyHashes}; a false alarm only costs time). */
  private static Optional<String> repeatedKey(ParsedTable input, List<ParsedTable.CachedFile> added, UsageState.Snapshot last) {
    try {
      List<long[]> parts = new ArrayList<>();
      for (ParsedTable.CachedFile f : added) {
        parts.add(KeyHashes.read(f.keyHashes()));
      }
      long[] fresh = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      if (fresh.length == 0) {
        return Optional.empty();
      }
      for (ParsedTable.CachedFile f : input.cached()) {
        if (last.manifest().files().containsKey(f.source()) && KeyHashes.intersect(KeyHashes.read(f.keyHashes()), fresh)) {
          return Optional.of(f.source());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event_id hashes that more than one event of these files has; null when too many to list. */
  private static long[] sharedKeys(List<ParsedTable.CachedFile> files) {
    try {
      return KeyHashes.shared(files.stream().map(ParsedTable.CachedFile::keyHashes).toList(), SHARED_KEYS_LIMIT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each parsed file and the name the parse cache gave its rows (new whenever it parsed the file again). */
  private static Map<String, String> parsedFiles(ParsedTable input) {
    Map<String, String> files = new TreeMap<>();
    input.cached().forEach(f -> files.put(f.source(), f.data().getFileName().toString()));
    return files;
  }
}

package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.saleslift.config.SalesLiftConfig.FreshnessLimits;
import com.saleslift.ingest.CanonicalTable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How old each table's newest accepted row is at the run date, against the limits of config
 * (docs/configuration.md, "Freshness and volume"): an export that silently stopped shows as a warning, or
 * refuses the run, instead of publishing last month's numbers as today's. Each table's newest
 * date is declared once ({@link #NEWEST}); the dates of all tables are read in one Spark job.
 */
public final class Freshness {
  public enum Status { OK, WARN, ERROR }

  /** One table's check, as run.json lists it; {@code newest} and {@code ageDays} are null for a table without rows. */
  public record Check(String table, String column, LocalDate newest, Long ageDays, Integer warnAfterDays,
      Integer errorAfterDays, Status status) {

    /** The data warning a person reads on the report's first pages; empty when the table is fresh. */
    public Optional<String> warning() {
      if (status == Status.OK) {
        return Optional.empty();
      }
      return Optional.of(newest == null
          ? String.format(Locale.ROOT, "%s has no accepted rows: nothing tells how fresh it is.", readable(table))
          : String.format(Locale.ROOT, "%s may be stale: the newest %s is %s, %d days before the run date (a warning after %d days).",
              readable(table), column, newest, ageDays, warnAfterDays == null ? errorAfterDays : warnAfterDays));
    }

    /** The one line a refused run prints: the table, its newest date, its age and the limit. */
    public String refusal() {
      return newest == null
          ? String.format(Locale.ROOT, "%s: no accepted rows, and freshness.%s.error_after_days is %d", table, table, errorAfterDays)
          : String.format(Locale.ROOT, "%s: the newest %s is %s, %d days old at the run date, over freshness.%s.error_after_days %d",
              table, column, newest, ageDays, table, errorAfterDays);
    }
  }

  /** How a table's newest date is read from its accepted rows: the column run.json names, and its date at the run date. */
  private record Newest(String column, Function<ValidatedInput, Dataset<Row>> rows, Function<LocalDate, Column> date) {}

  private static final String NEWEST_COLUMN = "_newest";
  private static final String TABLE_COLUMN = "_table";

  /**
   * Dates are cut in the reporting zone: the session's time zone is set to it, so {@code to_date}
   * of a timestamp is its reporting-zone day. Rows after the run date are FUTURE and were never
   * accepted; a row's later date (an opportunity modified, a subscription ended after the run
   * date) falls back to the date that made it a row as of the run date.
   */
  private static final Map<String, Newest> NEWEST = Map.of(
      "usage_events", new Newest("occurred_at", in -> in.usage().groups(), d -> to_date(col(UsageRollup.LAST_AT))),
      "opportunities", new Newest("last_modified_at", in -> in.table(CanonicalTable.OPPORTUNITIES),
          d -> when(to_date(col("last_modified_at")).leq(lit(d)), to_date(col("last_modified_at")))
              .otherwise(to_date(col("created_at")))),
      "activities", new Newest("occurred_at", in -> in.table(CanonicalTable.ACTIVITIES), d -> to_date(col("occurred_at"))),
      "subscriptions", new Newest("start_date or end_date", in -> in.table(CanonicalTable.SUBSCRIPTIONS),
          d -> greatest(col("start_date"), when(col("end_date").leq(lit(d)), col("end_date")))));

  private Freshness() {}

  /** Every table that has limits, checked at the run date, in the order of the limits. */
  public static List<Check> check(ValidatedInput input, LocalDate runDate, Map<String, FreshnessLimits> limits) {
    Map<String, LocalDate> newest = newest(input, runDate, List.copyOf(limits.keySet()));
    List<Check> checks = new ArrayList<>();
    limits.forEach((table, l) -> checks.add(judge(table, NEWEST.get(table).column(), newest.get(table), runDate, l)));
    return checks;
  }

  /** The one-line reason to refuse a run: the first table past its error limit, if any. */
  public static Optional<String> refusal(List<Check> checks) {
    return checks.stream().filter(c -> c.status() == Status.ERROR).findFirst().map(Check::refusal);
  }

  /** A table's status from its newest date (null: no rows) and its limits. */
  static Check judge(String table, String column, LocalDate newest, LocalDate runDate, FreshnessLimits limits) {
    Long age = newest == null ? null : ChronoUnit.DAYS.between(newest, runDate);
    Status status;
    if (exceeds(age, limits.errorAfterDays())) {
      status = Status.ERROR;
    } else if (exceeds(age, limits.warnAfterDays())) {
      status = Status.WARN;
    } else {
      status = Status.OK;
    }
    return new Check(table, column, newest, age, limits.warnAfterDays(), limits.errorAfterDays(), status);
  }

  /** Past a limit; a table without rows is past any limit set. */
  private static boolean exceeds(Long age, Integer limit) {
    return limit != null && (age == null || age > limit);
  }

  /** The newest date of each table, all read in one Spark job; a table without rows has none. */
  private static Map<String, LocalDate> newest(ValidatedInput input, LocalDate runDate, List<String> tables) {
    Dataset<Row> all = null;
    for (String table : tables) {
      Newest n = NEWEST.get(table);
      Dataset<Row> one = n.rows().apply(input).agg(max(n.date().apply(runDate)).as(NEWEST_COLUMN))
          .select(lit(table).as(TABLE_COLUMN), col(NEWEST_COLUMN));
      all = all == null ? one : all.unionByName(one);
    }
    Map<String, LocalDate> newest = new HashMap<>();
    if (all != null) {
      for (Row row : all.collectAsList()) {
        if (!row.isNullAt(1)) {
          newest.put(row.getString(0), row.getLocalDate(1));
        }
      }
    }
    return newest;
  }

  /** "usage_events" -> "Usage events". */
  static String readable(String table) {
    String words = table.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}

package com.saleslift.validate;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.saleslift.ingest.CanonicalTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Shapes of the accepted rows that change how the numbers must be read, though every row is
 * valid: versions of one subscription written as overlapping periods (MRR adds them up), won
 * deals without an amount (counted as 0), open deals long past their close date. Each is one
 * sentence with its counts; a headline one past its threshold is also a data warning on the
 * report's first pages.
 */
public final class ShapeWarnings {
  /** Overlapping periods weigh on the headline past this share of current MRR. */
  static final BigDecimal OVERLAP_THRESHOLD = new BigDecimal("0.05");
  /** Usage before the account's creation weighs on the headline past this share of events. */
  static final BigDecimal USAGE_THRESHOLD = new BigDecimal("0.05");
  /** An open deal whose close date is more than this many days before the run date is past it. */
  static final int STALE_CLOSE_DAYS = 90;

  /**
   * One shape warning: which check, its sentence, how many of how many it concerns, and whether
   * it belongs with the data warnings of the report's first pages.
   */
  public record Warning(String check, String sentence, long count, long of, BigDecimal share, boolean headline) {}

  private ShapeWarnings() {}

  /** Every check that finds something, in the order of the input contract; a table without rows is not scanned. */
  public static List<Warning> of(ValidatedInput input, LocalDate runDate) {
    List<Warning> warnings = new ArrayList<>();
    if (accepted(input, CanonicalTable.SUBSCRIPTIONS)) {
      overlappingPeriods(input.table(CanonicalTable.SUBSCRIPTIONS), runDate).ifPresent(warnings::add);
    }
    if (accepted(input, CanonicalTable.USAGE_EVENTS)) {
      usageBeforeCreation(input.usage().groups(), input.table(CanonicalTable.ACCOUNTS)).ifPresent(warnings::add);
    }
    if (accepted(input, CanonicalTable.OPPORTUNITIES)) {
      warnings.addAll(deals(input.table(CanonicalTable.OPPORTUNITIES), runDate));
    }
    return warnings;
  }

  private static boolean accepted(ValidatedInput input, CanonicalTable table) {
    return input.reports().get(table).accepted() > 0;
  }

  /**
   * Accounts with two periods of one product that overlap by at least a day (periods are
   * [start_date, end_date), an open end runs past the run date), among the paying accounts (any
   * period with MRR above 0), and their share of current MRR (periods in force on the run date,
   * in the base currency).
   */
  static Optional<Warning> overlappingPeriods(Dataset<Row> subscriptions, LocalDate runDate) {
    Column end = when(col("end_date").isNull().or(col("end_date").gt(lit(runDate))), date_add(lit(runDate), 1))
        .otherwise(col("end_date"));
    Dataset<Row> periods = subscriptions.select(col(ACCOUNT_ID), col("product_id"), col("subscription_id"),
        col("start_date"), end.as("_end"), col("mrr").multiply(col(Currencies.RATE)).as("_mrr"),
        col("start_date").leq(lit(runDate)).and(end.gt(lit(runDate))).as("_current"));
    Dataset<Row> a = periods.alias("a");
    Dataset<Row> b = periods.alias("b");
    Dataset<Row> overlapping = a.join(b, col("a." + ACCOUNT_ID).equalTo(col("b." + ACCOUNT_ID))
            .and(col("a.product_id").equalTo(col("b.product_id")))
            // Each pair once, and never a period with itself.
            .and(col("a.subscription_id").lt(col("b.subscription_id"))
                .or(col("a.subscription_id").equalTo(col("b.subscription_id")).and(col("a.start_date").lt(col("b.start_date")))))
            .and(least(col("a._end"), col("b._end")).gt(greatest(col("a.start_date"), col("b.start_date")))))
        .select(col("a." + ACCOUNT_ID).as(ACCOUNT_ID)).distinct().withColumn("_overlaps", lit(true));
    Row totals = periods.groupBy(ACCOUNT_ID)
        .agg(max(col("_mrr").gt(0)).as("_paying"), sum(when(col("_current"), col("_mrr"))).as("_current_mrr"))
        .join(overlapping, ACCOUNT_ID, "left")
        .agg(count_if(col("_paying")).as("paying"), count_if(col("_overlaps").isNotNull()).as("overlapping"),
            sum("_current_mrr").as("mrr"), sum(when(col("_overlaps").isNotNull(), col("_current_mrr"))).as("overlapping_mrr"))
        .first();
    long accounts = totals.getLong(1);
    if (accounts == 0) {
      return Optional.empty();
    }
    BigDecimal share = share(totals.getDecimal(3), totals.getDecimal(2));
    String sentence = String.format(Locale.ROOT, "%,d of %,d paying accounts hold overlapping periods of one product"
        + " (%s of current MRR): MRR adds them up; if your export writes versions of one subscription, keep only the"
        + " current one.", accounts, totals.getLong(0), percent(share));
    return Optional.of(new Warning("overlapping_subscription_periods", sentence, accounts, totals.getLong(0), share,
        share.compareTo(OVERLAP_THRESHOLD) >= 0));
  }

  /**
   * Usage events dated before their account's created_at, from the rolled-up groups (account,
   * product, event name): a group whose last event precedes the creation counts whole; one that
   * straddles it holds some such events, so the count is then "at least" and the threshold is
   * judged on what is certain.
   */
  static Optional<Warning> usageBeforeCreation(Dataset<Row> groups, Dataset<Row> accounts) {
    Dataset<Row> dated = groups.join(accounts.select(col(ACCOUNT_ID), col("created_at")), ACCOUNT_ID);
    Column before = col(UsageRollup.LAST_AT).lt(col("created_at"));
    Column straddles = col(UsageRollup.FIRST_AT).lt(col("created_at")).and(not(before));
    Row counts = dated.agg(sum(UsageRollup.EVENTS), sum(when(before, col(UsageRollup.EVENTS)).otherwise(0L)),
        count_if(straddles)).first();
    long events = counts.isNullAt(0) ? 0 : counts.getLong(0);
    long uncertain = counts.getLong(2);
    // A straddling group's first event precedes the creation: one event each is certain.
    long certain = (counts.isNullAt(1) ? 0 : counts.getLong(1)) + uncertain;
    if (certain == 0 && uncertain == 0) {
      return Optional.empty();
    }
    BigDecimal share = share(certain, events);
    String sentence = String.format(Locale.ROOT, "%s%,d of %,d usage events (%s) are dated before their account was"
        + " created: activation and the pre-period of sales_lift read from creation on; check the accounts' created_at"
        + " or the events' account ids.", uncertain > 0 ? "At least " : "", certain, events, percent(share));
    return Optional.of(new Warning("usage_before_account_created", sentence, certain, events, share,
        share.compareTo(USAGE_THRESHOLD) >= 0));
  }

  /**
   * Won deals (closed on or before the run date) whose amount is empty, as sums count them as 0;
   * and open deals whose close date lies more than {@link #STALE_CLOSE_DAYS} days before the run
   * date. One pass over the deals for both.
   */
  static List<Warning> deals(Dataset<Row> opportunities, LocalDate runDate) {
    // A close after the run date is not a close yet (docs/inputs.md): such a deal is open today.
    Column closed = col("is_closed").and(col("close_date").leq(lit(runDate)));
    Column won = col("is_won").and(closed);
    Row counts = opportunities.agg(count_if(won), count_if(won.and(col("amount").isNull())), count_if(not(closed)),
        count_if(not(closed).and(col("close_date").lt(lit(runDate.minusDays(STALE_CLOSE_DAYS)))))).first();
    List<Warning> found = new ArrayList<>();
    long wonDeals = counts.getLong(0);
    long withoutAmount = counts.getLong(1);
    if (withoutAmount > 0) {
      found.add(new Warning("won_deals_without_amount", String.format(Locale.ROOT, "%,d of %,d won deals have no amount:"
          + " bookings, deal sizes and quota attainment count them as 0.", withoutAmount, wonDeals),
          withoutAmount, wonDeals, share(withoutAmount, wonDeals), false));
    }
    long open = counts.getLong(2);
    long stale = counts.getLong(3);
    if (stale > 0) {
      found.add(new Warning("open_deals_past_close_date", String.format(Locale.ROOT, "%,d of %,d open deals have a close date"
          + " more than %d days past: the pipeline and its win rate may hold deals nobody works any more.", stale, open,
          STALE_CLOSE_DAYS), stale, open, share(stale, open), false));
    }
    return found;
  }

  private static BigDecimal share(long part, long whole) {
    return share(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
  }

  private static BigDecimal share(BigDecimal part, BigDecimal whole) {
    if (part == null || whole == null || whole.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return part.divide(whole, 4, RoundingMode.HALF_UP);
  }

  /** "88%", "4.5%": whole percents from 10% up, one decimal below. */
  static String percent(BigDecimal share) {
    BigDecimal pct = share.movePointRight(2);
    return (pct.compareTo(BigDecimal.TEN) >= 0 ? pct.setScale(0, RoundingMode.HALF_UP) : pct.setScale(1, RoundingMode.HALF_UP))
        .toPlainString() + "%";
  }
}

package com.saleslift.report;

import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What changed between an older and a newer run (docs/operations.md, "What changed"): tables and
 * columns added or gone, row counts, headline figures with whether each move is beyond its noise,
 * sales-lift cells whose verdict changed or whose intervals parted, and the accounts that entered,
 * left or moved on each account list. Plain values, computed from the two runs' tables alone;
 * {@code notCompared} names the tables that could not be read on either side, so that nothing
 * is said about them (no "0 in, 0 out" for a list nobody could read).
 */
public record RunChanges(LocalDate from, LocalDate to, List<SchemaChange> schema, List<RowCount> rows,
    List<FigureChange> figures, List<LiftChange> lift, List<ListChange> lists, Set<String> notCompared) {

  /** The account lists, in the order the changes report them. */
  public static final List<String> LISTS = List.of("accounts_to_engage", "accounts_at_risk");
  private static final String ENGAGE = "accounts_to_engage";
  private static final String AT_RISK = "accounts_at_risk";
  private static final String LIFT = "sales_lift";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** Why an account left the list to engage, when the newer run shows it. */
  static final String PAID = "paid";
  static final String AGED_OUT = "aged out of the window";
  static final String CELL_CHANGED = "its cell no longer adds value";
  static final Set<String> LEFT_REASONS = Set.of(PAID, AGED_OUT, CELL_CHANGED);
  private static final List<String> LIFT_COLUMNS = List.of("segment", "size_band", "outcome", "adjusted_lift", "ci_low", "ci_high",
      "verdict");
  private static final List<String> ENGAGE_COLUMNS = List.of("rank", "account_id", "account_name", "segment", "size_band",
      "touch_window_ends");
  private static final List<String> AT_RISK_COLUMNS = List.of("account_id", "account_name", "mrr", "signals");

  /** One run's side of the comparison; {@code unreadable} tables are left out of it rather than taken as gone. */
  public record Side(LocalDate runDate, Map<String, ResultTable> tables, Set<String> unreadable) {}

  /** When a change is real (`diff:` in the configuration, whose defaults it takes when a run recorded none). */
  public record Tolerances(BigDecimal money, BigDecimal ratioPoints, int rankMove) {}

  public enum Presence { ADDED, REMOVED }

  public enum Move { ENTERED, LEFT, MOVED }

  /** A table ({@code column} null) or a column that is in one run only. */
  public record SchemaChange(String table, String column, Presence change) {}

  public record RowCount(String table, long from, long to) {}

  /**
   * A headline figure that moved; {@code real} when the move exceeds its noise, {@code noise} the
   * move in multiples of its noise threshold (the order of the report).
   */
  public record FigureChange(String figure, ExecutiveSummary.Unit unit, BigDecimal from, BigDecimal to, boolean real, double noise) {
    public BigDecimal change() {
      return to.subtract(from);
    }
  }

  /** A 95% interval. */
  public record Interval(BigDecimal low, BigDecimal high) {
    boolean overlaps(Interval other) {
      return low.compareTo(other.high) <= 0 && other.low.compareTo(high) <= 0;
    }
  }

  /** A sales-lift cell whose verdict changed or whose interval no longer overlaps the old one; a side it is missing from is null. */
  public record LiftChange(String segment, String sizeBand, String outcome, String fromVerdict, String toVerdict,
      BigDecimal fromLift, BigDecimal toLift, Interval fromCi, Interval toCi) {}

  /**
   * An account that entered, left or moved on a list. {@code why}: its signals (at risk) or its cell
   * (to engage) where it is listed; for one that left, the reason the newer run shows, when it shows one.
   * {@code mrr}: its MRR on the at-risk list (null on the other).
   */
  public record ListChange(String list, String accountId, String accountName, Move change, Integer fromRank, Integer toRank,
      String why, BigDecimal mrr) {}

  /** Nothing at all changed. */
  public boolean none() {
    return schema.isEmpty() && rows.isEmpty() && figures.isEmpty() && lift.isEmpty() && lists.isEmpty();
  }

  public List<FigureChange> realFigures() {
    return figures.stream().filter(FigureChange::real).toList();
  }

  public long count(String list, Move move) {
    return lists.stream().filter(c -> c.list().equals(list) && c.change() == move).count();
  }

  public static RunChanges between(Side older, Side newer, Tolerances tolerances) {
    Set<String> skip = new LinkedHashSet<>(older.unreadable());
    skip.addAll(newer.unreadable());
    Map<String, ResultTable> a = readable(older.tables(), skip);
    Map<String, ResultTable> b = readable(newer.tables(), skip);
    List<ListChange> lists = new ArrayList<>();
    if (comparable(a, b, ENGAGE, ENGAGE_COLUMNS) && (!b.containsKey(AT_RISK) || comparable(b, b, AT_RISK, AT_RISK_COLUMNS))
        && (!b.containsKey(LIFT) || comparable(b, b, LIFT, LIFT_COLUMNS))) {
      lists.addAll(engage(a.get(ENGAGE), b, newer.runDate(), tolerances.rankMove()));
    }
    if (comparable(a, b, AT_RISK, AT_RISK_COLUMNS)) {
      lists.addAll(atRisk(a.get(AT_RISK), b.get(AT_RISK)));
    }
    return new RunChanges(older.runDate(), newer.runDate(), schema(a, b), rows(a, b), figures(older.runDate(), a, newer.runDate(), b,
        tolerances), comparable(a, b, LIFT, LIFT_COLUMNS) ? lift(a.get(LIFT), b.get(LIFT)) : List.of(), lists, Set.copyOf(skip));
  }

  /**
   * Both runs have the table with the columns a comparison reads: a run of another version
   * without one has its difference in {@link #schema}, not a comparison that cannot be made.
   */
  private static boolean comparable(Map<String, ResultTable> a, Map<String, ResultTable> b, String table, List<String> columns) {
    return a.containsKey(table) && b.containsKey(table) && a.get(table).columns().containsAll(columns)
        && b.get(table).columns().containsAll(columns);
  }

  private static Map<String, ResultTable> readable(Map<String, ResultTable> tables, Set<String> skip) {
    Map<String, ResultTable> kept = new LinkedHashMap<>(tables);
    kept.keySet().removeAll(skip);
    return kept;
  }

  private static List<SchemaChange> schema(Map<String, ResultTable> a, Map<String, ResultTable> b) {
    List<SchemaChange> changes = new ArrayList<>();
    b.keySet().stream().filter(t -> !a.containsKey(t)).forEach(t -> changes.add(new SchemaChange(t, null, Presence.ADDED)));
    a.keySet().stream().filter(t -> !b.containsKey(t)).forEach(t -> changes.add(new SchemaChange(t, null, Presence.REMOVED)));
    for (String t : b.keySet()) {
      if (a.containsKey(t)) {
        List<String> before = a.get(t).columns();
        List<String> after = b.get(t).columns();
        after.stream().filter(c -> !before.contains(c)).forEach(c -> changes.add(new SchemaChange(t, c, Presence.ADDED)));
        before.stream().filter(c -> !after.contains(c)).forEach(c -> changes.add(new SchemaChange(t, c, Presence.REMOVED)));
      }
    }
    return changes;
  }

  private static List<RowCount> rows(Map<String, ResultTable> a, Map<String, ResultTable> b) {
    return b.keySet().stream().filter(a::containsKey).filter(t -> a.get(t).rows().size() != b.get(t).rows().size())
        .map(t -> new RowCount(t, a.get(t).rows().size(), b.get(t).rows().size())).toList();
  }

  private static List<FigureChange> figures(LocalDate fromDate, Map<String, ResultTable> a, LocalDate toDate,
      Map<String, ResultTable> b, Tolerances tolerances) {
    List<FigureChange> changes = new ArrayList<>();
    for (ExecutiveSummary.Figure f : ExecutiveSummary.FIGURES) {
      Optional<BigDecimal> from = f.reading().at(a, fromDate, 0);
      Optional<BigDecimal> to = f.reading().at(b, toDate, 0);
      if (from.isEmpty() || to.isEmpty() || from.get().compareTo(to.get()) == 0) {
        continue;
      }
      double threshold = threshold(f, from.get(), to.get(), f.base().at(a, fromDate, 0), f.base().at(b, toDate, 0), tolerances);
      double moved = to.get().subtract(from.get()).abs().doubleValue();
      double noise = threshold > 0 ? moved / threshold : Double.POSITIVE_INFINITY;
      changes.add(new FigureChange(f.title(toDate, fromDate), f.unit(), from.get(), to.get(), moved > threshold, noise));
    }
    changes.sort(Comparator.comparing((FigureChange c) -> !c.real()).thenComparing(FigureChange::noise, Comparator.reverseOrder()));
    return changes;
  }

  /**
   * How far a figure may move by noise alone: for a rate over counts, twice the binomial standard
   * error of the difference at the pooled rate; for money, the tolerance's share of the old value;
   * for a money ratio, the tolerance in points. A rate whose counts are unknown is judged as a ratio.
   */
  static double threshold(ExecutiveSummary.Figure f, BigDecimal from, BigDecimal to, Optional<BigDecimal> fromBase,
      Optional<BigDecimal> toBase, Tolerances tolerances) {
    return switch (f.unit()) {
      case MONEY -> tolerances.money().multiply(from.abs()).doubleValue();
      case RATE -> fromBase.isPresent() && toBase.isPresent() && fromBase.get().signum() > 0 && toBase.get().signum() > 0
          ? binomial(from.doubleValue(), to.doubleValue(), fromBase.get().doubleValue(), toBase.get().doubleValue())
          : tolerances.ratioPoints().divide(HUNDRED).doubleValue();
      case MONEY_RATIO -> tolerances.ratioPoints().divide(HUNDRED).doubleValue();
    };
  }

  /** 2 * sqrt(p (1 - p) (1/nA + 1/nB)), p the pooled rate. */
  static double binomial(double rateA, double rateB, double nA, double nB) {
    double pooled = (rateA * nA + rateB * nB) / (nA + nB);
    return 2 * Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  }

  private static List<LiftChange> lift(ResultTable a, ResultTable b) {
    Map<List<String>, List<String>> before = byCell(a);
    Map<List<String>, List<String>> after = byCell(b);
    Set<List<String>> cells = new LinkedHashSet<>(after.keySet());
    cells.addAll(before.keySet());
    List<LiftChange> changes = new ArrayList<>();
    for (List<String> cell : cells) {
      List<String> x = before.get(cell);
      List<String> y = after.get(cell);
      String fromVerdict = x == null ? null : a.text(x, "verdict");
      String toVerdict = y == null ? null : b.text(y, "verdict");
      Interval fromCi = x == null ? null : interval(a, x);
      Interval toCi = y == null ? null : interval(b, y);
      boolean parted = fromCi != null && toCi != null && !fromCi.overlaps(toCi);
      if (!Objects.equals(fromVerdict, toVerdict) || parted) {
        changes.add(new LiftChange(cell.get(0), cell.get(1), cell.get(2), fromVerdict, toVerdict,
            x == null ? null : a.number(x, "adjusted_lift").orElse(null), y == null ? null : b.number(y, "adjusted_lift").orElse(null),
            fromCi, toCi));
      }
    }
    return changes;
  }

  private static Map<List<String>, List<String>> byCell(ResultTable t) {
    Map<List<String>, List<String>> rows = new LinkedHashMap<>();
    t.rows().forEach(r -> rows.put(List.of(t.text(r, "segment"), t.text(r, "size_band"), t.text(r, "outcome")), r));
    return rows;
  }

  private static Interval interval(ResultTable t, List<String> row) {
    Optional<BigDecimal> low = t.number(row, "ci_low");
    Optional<BigDecimal> high = t.number(row, "ci_high");
    return low.isPresent() && high.isPresent() ? new Interval(low.get(), high.get()) : null;
  }

  /**
   * The list to engage: entered (by new rank), left (by old rank) with the reason the newer run
   * shows (paying now: on the at-risk list; its touch window over; its cell no longer `ADDS_VALUE`),
   * moved by at least {@code rankMove} places, both in rank and among the accounts on both lists (by new rank).
   */
  private static List<ListChange> engage(ResultTable a, Map<String, ResultTable> newer, LocalDate toDate, int rankMove) {
    ResultTable b = newer.get(ENGAGE);
    Map<String, List<String>> before = byAccount(a);
    Map<String, List<String>> after = byAccount(b);
    Set<String> paying = newer.containsKey(AT_RISK) ? byAccount(newer.get(AT_RISK)).keySet() : Set.of();
    Map<List<String>, List<String>> cells = newer.containsKey(LIFT) ? byCell(newer.get(LIFT)) : Map.of();
    List<ListChange> entered = new ArrayList<>();
    List<ListChange> left = new ArrayList<>();
    List<ListChange> moved = new ArrayList<>();
    // Positions among the accounts on both lists: accounts entering or leaving above one shift its
    // rank without anything having changed about it, and that is not a move.
    List<String> stayedBefore = before.keySet().stream().filter(after::containsKey).toList();
    List<String> stayedAfter = after.keySet().stream().filter(before::containsKey).toList();
    after.forEach((id, row) -> {
      int rank = Integer.parseInt(b.text(row, "rank"));
      if (!before.containsKey(id)) {
        entered.add(new ListChange(ENGAGE, id, b.text(row, "account_name"), Move.ENTERED, null, rank, cell(b, row), null));
      } else {
        int old = Integer.parseInt(a.text(before.get(id), "rank"));
        if (Math.abs(old - rank) >= rankMove && Math.abs(stayedBefore.indexOf(id) - stayedAfter.indexOf(id)) >= rankMove) {
          moved.add(new ListChange(ENGAGE, id, b.text(row, "account_name"), Move.MOVED, old, rank, cell(b, row), null));
        }
      }
    });
    before.forEach((id, row) -> {
      if (!after.containsKey(id)) {
        String why;
        List<String> liftRow = cells.get(List.of(a.text(row, "segment"), a.text(row, "size_band"), "CONVERTED_180D"));
        if (paying.contains(id)) {
          why = PAID;
        } else if (!toDate.isBefore(LocalDate.parse(a.text(row, "touch_window_ends")))) {
          why = AGED_OUT;
        } else if (liftRow != null && !newer.get(LIFT).text(liftRow, "verdict").equals("ADDS_VALUE")) {
          why = CELL_CHANGED;
        } else {
          why = cell(a, row);
        }
        left.add(new ListChange(ENGAGE, id, a.text(row, "account_name"), Move.LEFT, Integer.parseInt(a.text(row, "rank")), null, why, null));
      }
    });
    Comparator<ListChange> byNewRank = Comparator.comparing(ListChange::toRank);
    entered.sort(byNewRank);
    moved.sort(byNewRank);
    left.sort(Comparator.comparing(ListChange::fromRank));
    List<ListChange> all = new ArrayList<>(entered);
    all.addAll(left);
    all.addAll(moved);
    return all;
  }

  /** The at-risk list, whose rank is its order (MRR descending): entered and left, each by MRR descending. */
  private static List<ListChange> atRisk(ResultTable a, ResultTable b) {
    Map<String, List<String>> before = byAccount(a);
    Map<String, List<String>> after = byAccount(b);
    List<ListChange> entered = new ArrayList<>();
    List<ListChange> left = new ArrayList<>();
    List<String> newOrder = List.copyOf(after.keySet());
    List<String> oldOrder = List.copyOf(before.keySet());
    after.forEach((id, row) -> {
      if (!before.containsKey(id)) {
        entered.add(new ListChange(AT_RISK, id, b.text(row, "account_name"), Move.ENTERED, null, newOrder.indexOf(id) + 1,
            b.text(row, "signals"), b.number(row, "mrr").orElse(null)));
      }
    });
    before.forEach((id, row) -> {
      if (!after.containsKey(id)) {
        left.add(new ListChange(AT_RISK, id, a.text(row, "account_name"), Move.LEFT, oldOrder.indexOf(id) + 1, null,
            a.text(row, "signals"), a.number(row, "mrr").orElse(null)));
      }
    });
    List<ListChange> all = new ArrayList<>(entered);
    all.addAll(left);
    return all;
  }

  private static Map<String, List<String>> byAccount(ResultTable t) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    t.rows().forEach(r -> rows.put(t.text(r, "account_id"), r));
    return rows;
  }

  /** "B2B mid-size". */
  private static String cell(ResultTable t, List<String> row) {
    return t.text(row, "segment") + " " + SalesLiftChart.size(t.text(row, "size_band"));
  }
}

package com.saleslift.report;

import com.saleslift.report.RunChanges.FigureChange;
import com.saleslift.report.RunChanges.LiftChange;
import com.saleslift.report.RunChanges.ListChange;
import com.saleslift.report.RunChanges.Move;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What changed, in words: the full listing `saleslift diff` prints, and the at most five lines of
 * "Since <date>" that page 2 of the report and the notifications carry (real moves first, then
 * the accounts in and out of each list; never an account's name or id).
 */
public final class ChangesText {
  /** What page 2 and the notifications say when there is no earlier run. */
  public static final String NO_HISTORY = "No earlier run to compare with.";
  /** "Since <date>" keeps at most this many lines. */
  static final int SINCE_LINES = 5;
  public static final String NO_CHANGE = "no change";

  private ChangesText() {}

  /** The heading of page 2's section: "Since 2026-10-24", or "Since the previous run" without one. */
  public static String heading(ReportData data) {
    return "Since " + data.previous().map(p -> p.runDate().toString()).orElse("the previous run");
  }

  /** The lines of "Since <date>"; without an earlier run, the one line saying so. */
  public static List<String> since(ReportData data) {
    return data.changes().map(c -> since(c, data.baseCurrency())).orElse(List.of(NO_HISTORY));
  }

  static List<String> since(RunChanges changes, String currency) {
    List<String> lines = new ArrayList<>();
    int room = SINCE_LINES - RunChanges.LISTS.size();
    // A verdict that changed is news even beside larger figure moves: it keeps a line when there is one.
    changes.realFigures().stream().limit(room - Math.min(1, changes.lift().size()))
        .forEach(f -> lines.add(figure(f, currency, ", was ")));
    changes.lift().stream().limit(room - lines.size()).forEach(l -> lines.add("Sales lift in " + cell(l) + ": " + lift(l, currency)));
    if (lines.isEmpty()) {
      lines.add("No headline figure and no sales-lift verdict moved beyond its noise.");
    }
    for (String list : RunChanges.LISTS) {
      lines.add(counts(changes, list));
    }
    return lines;
  }

  /** "Accounts at risk: 3 in, 2 out" (and how many moved, on the list to engage). */
  static String counts(RunChanges changes, String list) {
    if (changes.notCompared().contains(list)) {
      return listTitle(list) + ": not compared (a run's list could not be read)";
    }
    long moved = changes.count(list, Move.MOVED);
    return listTitle(list) + ": " + changes.count(list, Move.ENTERED) + " in, " + changes.count(list, Move.LEFT) + " out"
        + (moved > 0 ? ", " + moved + " moved" : "");
  }

  /** What `saleslift diff` prints: every change, in the order of the changes; "no change" when there is none. */
  public static String listing(RunChanges changes, String currency) {
    String notCompared = changes.notCompared().isEmpty() ? ""
        : "\nNot compared (could not be read): " + String.join(", ", new java.util.TreeSet<>(changes.notCompared())) + "\n";
    if (changes.none()) {
      return NO_CHANGE + "\n" + notCompared;
    }
    StringBuilder out = new StringBuilder("Changes from " + changes.from() + " to " + changes.to() + "\n" + notCompared);
    if (!changes.schema().isEmpty()) {
      out.append("\nTables and columns\n");
      changes.schema().forEach(s -> out.append("  ").append(s.change() == RunChanges.Presence.ADDED ? "added  " : "gone   ")
          .append(s.column() == null ? "table " + s.table() : "column " + s.table() + "." + s.column()).append("\n"));
    }
    if (!changes.rows().isEmpty()) {
      out.append("\nRow counts\n");
      changes.rows().forEach(r -> out.append("  ").append(r.table()).append(": ").append(r.from()).append(" -> ").append(r.to())
          .append("\n"));
    }
    if (!changes.figures().isEmpty()) {
      out.append("\nHeadline figures\n");
      changes.figures().forEach(f -> out.append(f.real() ? "  real   " : "  noise  ").append(figure(f, currency, ", was ")).append("\n"));
    }
    if (!changes.lift().isEmpty()) {
      out.append("\nSales lift\n");
      changes.lift().forEach(l -> out.append("  ").append(cell(l)).append(": ").append(lift(l, currency)).append("\n"));
    }
    for (String list : RunChanges.LISTS) {
      List<ListChange> of = changes.lists().stream().filter(c -> c.list().equals(list)).toList();
      if (of.isEmpty()) {
        continue;
      }
      out.append("\n").append(counts(changes, list)).append("\n");
      for (ListChange c : of) {
        out.append("  ").append(String.format(Locale.ROOT, "%-8s %-10s ", c.change().name().toLowerCase(Locale.ROOT), rank(c)))
            .append(c.accountId()).append("  ").append(c.accountName())
            .append(c.mrr() == null ? "" : "  " + ChartTheme.formatMoney(c.mrr(), currency)).append("  ")
            .append(c.change() == Move.LEFT && !RunChanges.LEFT_REASONS.contains(c.why()) ? "was " + c.why() : c.why()).append("\n");
      }
    }
    return out.toString();
  }

  private static String rank(ListChange c) {
    return switch (c.change()) {
      case ENTERED -> "#" + c.toRank();
      case LEFT -> "#" + c.fromRank();
      case MOVED -> "#" + c.fromRank() + "->#" + c.toRank();
    };
  }

  /** "Current MRR: USD 13,000, was USD 12,345 (+USD 655)". */
  private static String figure(FigureChange f, String currency, String was) {
    return f.figure() + ": " + f.unit().format(f.to(), currency) + was + f.unit().format(f.from(), currency) + " ("
        + f.unit().formatChange(f.change(), currency) + ")";
  }

  /** "B2B mid-size, paid within 180 days". */
  private static String cell(LiftChange l) {
    return l.segment() + " " + SalesLiftChart.size(l.sizeBand()) + ", " + OUTCOMES.getOrDefault(l.outcome(), l.outcome());
  }

  private static final java.util.Map<String, String> OUTCOMES = java.util.Map.of(
      "CONVERTED_180D", "paid within 180 days", "MRR_12M", "MRR in month 12", "EXPANDED_12M", "expanded in 12 months");

  /** "adds value, was no clear effect: +12.0 pts (4.0 to 20.0), was +3.0 pts (-5.0 to 11.0)". */
  private static String lift(LiftChange l, String currency) {
    boolean money = l.outcome().equals("MRR_12M");
    return verdict(l.toVerdict()) + (l.toVerdict() != null && l.toVerdict().equals(l.fromVerdict()) ? " both times"
        : ", was " + verdict(l.fromVerdict())) + ": " + estimate(l.toLift(), l.toCi(), money, currency) + ", was "
        + estimate(l.fromLift(), l.fromCi(), money, currency);
  }

  private static String verdict(String verdict) {
    return verdict == null ? "not computed" : switch (verdict) {
      case "ADDS_VALUE" -> "adds value";
      case "SUBTRACTS_VALUE" -> "subtracts value";
      case "NO_CLEAR_EFFECT" -> "no clear effect";
      case "INSUFFICIENT_DATA" -> "too few accounts to judge";
      default -> verdict;
    };
  }

  private static String estimate(BigDecimal lift, RunChanges.Interval ci, boolean money, String currency) {
    if (lift == null) {
      return ChartTheme.NOT_AVAILABLE;
    }
    return amount(lift, money, currency, true) + (ci == null ? ""
        : " (" + amount(ci.low(), money, currency, false) + " to " + amount(ci.high(), money, currency, false) + ")");
  }

  /** A lift in points ("+12.0 pts") or money ("+USD 40"). */
  private static String amount(BigDecimal value, boolean money, String currency, boolean unit) {
    String sign = value.signum() < 0 ? "-" : unit && value.signum() > 0 ? "+" : "";
    if (money) {
      return sign + ChartTheme.formatMoney(value.abs(), currency);
    }
    return sign + value.abs().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + (unit ? " pts" : "");
  }

  /** "Accounts to engage". */
  static String listTitle(String list) {
    String words = list.replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}

package com.saleslift.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the input can support: each metric table names the input tables it is computed from, and
 * a table whose inputs have no accepted rows is left out (published with its header only, its
 * report section one line saying what would fill it), never computed from nothing. Plain Java:
 * the metrics stage, `validate` and the report read the same declaration.
 */
public record DataSupport(Set<String> emptyInputs) {
  /** A metric table and the input tables it needs: all of them, or ({@code anyOf}) at least one. */
  public record Needs(List<String> tables, boolean anyOf) {
    static Needs all(String... tables) {
      return new Needs(List.of(tables), false);
    }

    static Needs anyOf(String... tables) {
      return new Needs(List.of(tables), true);
    }
  }

  /** Every metric table with what it needs, in the order the tables are published. */
  public static final Map<String, Needs> NEEDS = needs();

  private static Map<String, Needs> needs() {
    Map<String, Needs> needs = new LinkedHashMap<>();
    needs.put("mrr_movements", Needs.all("subscriptions"));
    needs.put("revenue_retention", Needs.all("subscriptions"));
    needs.put("activation", Needs.all("usage_events"));
    needs.put("sales_funnel", Needs.all("opportunities"));
    needs.put("activity_effectiveness", Needs.all("activities", "opportunities"));
    needs.put("sales_lift", Needs.all("activities", "subscriptions", "usage_events"));
    needs.put("onboarding", Needs.all("subscriptions", "usage_events"));
    needs.put("quarter_end_deals", Needs.all("opportunities", "subscriptions"));
    needs.put("outreach_mix", Needs.all("activities", "subscriptions"));
    needs.put("feature_requests", Needs.all("feature_requests", "subscriptions"));
    needs.put("lifecycle", Needs.anyOf("opportunities", "subscriptions", "usage_events"));
    needs.put("quota_attainment", Needs.all("opportunities", "targets"));
    needs.put("accounts_to_engage", Needs.all("activities", "subscriptions", "usage_events"));
    // Measured over the list's accounts, so it stands where the list does.
    needs.put("holdout_lift", Needs.all("activities", "subscriptions", "usage_events"));
    // The usage signals of the list also need usage events; the MRR signals stand without them.
    needs.put("accounts_at_risk", Needs.all("subscriptions"));
    return java.util.Collections.unmodifiableMap(needs);
  }

  /** The CRM tables that tell a sales-led account from a product-led one. */
  static final List<String> CHANNEL_TABLES = List.of("opportunities", "activities");

  /** From the accepted rows per input table; a table not named (an absent optional one) is empty. */
  public static DataSupport of(Map<String, Long> acceptedByTable) {
    Set<String> empty = new TreeSet<>();
    for (String table : inputTables()) {
      if (acceptedByTable.getOrDefault(table, 0L) == 0L) {
        empty.add(table);
      }
    }
    return new DataSupport(Set.copyOf(empty));
  }

  /** Every input table a metric table or the channel can need. */
  static Set<String> inputTables() {
    Set<String> tables = new TreeSet<>();
    NEEDS.values().forEach(n -> tables.addAll(n.tables()));
    tables.addAll(CHANNEL_TABLES);
    return tables;
  }

  /** Why a metric table is left out ("needs subscriptions: none in this input"); empty when its data is there. */
  public Optional<String> leftOut(String metricTable) {
    Needs needs = NEEDS.get(metricTable);
    if (needs == null) {
      return Optional.empty();
    }
    List<String> missing = needs.tables().stream().filter(emptyInputs::contains).toList();
    boolean out = needs.anyOf() ? missing.size() == needs.tables().size() : !missing.isEmpty();
    if (!out) {
      return Optional.empty();
    }
    String last = missing.get(missing.size() - 1);
    String joined = missing.size() == 1 ? last
        : String.join(", ", missing.subList(0, missing.size() - 1)) + (needs.anyOf() ? " or " : " and ") + last;
    String none = switch (missing.size()) {
      case 1 -> "none";
      case 2 -> "neither";
      default -> "none of them";
    };
    return Optional.of("needs " + joined + ": " + none + " in this input");
  }

  public boolean supports(String metricTable) {
    return leftOut(metricTable).isEmpty();
  }

  /** The metric tables left out, each with why, in publishing order. */
  public Map<String, String> leftOutTables() {
    Map<String, String> out = new LinkedHashMap<>();
    NEEDS.keySet().forEach(t -> leftOut(t).ifPresent(why -> out.put(t, why)));
    return out;
  }

  /**
   * Whether sales-led can be told from product-led: it takes CRM rows (opportunities or
   * activities); without any, every account would read as product-led by default.
   */
  public boolean channelKnown() {
    return !emptyInputs.containsAll(CHANNEL_TABLES);
  }

  /** The channel of every account when the input has no CRM rows to tell them apart. */
  public static final String UNKNOWN_CHANNEL = "UNKNOWN";

  /** What the report and `validate` say when the channel cannot be known. */
  public static final String CHANNEL_UNKNOWN = "sales-led and product-led accounts cannot be told apart without CRM data"
      + " (no opportunities or activities in this input)";

  /** The left-out tables as lines: "mrr_movements: needs subscriptions: none in this input". */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    leftOutTables().forEach((table, why) -> lines.add(table + ": " + why));
    if (!channelKnown()) {
      lines.add("channel: " + CHANNEL_UNKNOWN);
    }
    return lines;
  }
}

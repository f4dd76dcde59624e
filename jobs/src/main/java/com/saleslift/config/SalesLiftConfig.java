package com.saleslift.config;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run configuration of config.md, fully resolved: every key has its value, defaults
 * included. Built only by {@link ConfigLoader}, so an instance is always valid.
 */
public record SalesLiftConfig(
    String baseCurrency,
    ZoneId reportingTimezone,
    ZoneId sourceTimezone,
    int fiscalYearStartMonth,
    Map<String, Long> sizeBands,
    Activation activation,
    SalesTouch salesTouch,
    Lift lift,
    int quarterEndWindowDays,
    BigDecimal maxRejectRatio) {

  public record Activation(int windowDays, List<String> defaultEvents, Map<String, List<String>> products) {
    /** The events that activate product p: its own list, else the default list. */
    public List<String> eventsFor(String productId) {
      return products.getOrDefault(productId, defaultEvents);
    }
  }

  public record SalesTouch(Set<String> assistedTypes) {}

  public record Lift(int prePeriodDays, int touchWindowDays, int bootstrapReplicates, int minGroupSize, long seed) {}

  public static SalesLiftConfig defaults() {
    Map<String, Long> bands = new LinkedHashMap<>();
    bands.put("SMB", 0L);
    bands.put("MID", 100L);
    bands.put("ENT", 1000L);
    return new SalesLiftConfig(
        "USD",
        ZoneId.of("UTC"),
        ZoneId.of("UTC"),
        1,
        bands,
        new Activation(14, List.of(), Map.of()),
        new SalesTouch(Set.of("CALL", "MEETING", "DEMO")),
        new Lift(7, 90, 200, 20, 42L),
        14,
        new BigDecimal("0.01"));
  }

  /** The configuration in effect, under the keys of config.md, for run.json. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("base_currency", baseCurrency);
    m.put("reporting_timezone", reportingTimezone.getId());
    m.put("source_timezone", sourceTimezone.getId());
    m.put("fiscal_year_start_month", fiscalYearStartMonth);
    m.put("size_bands", sizeBands);
    m.put("activation", Map.of("window_days", activation.windowDays(), "default_events", activation.defaultEvents(),
        "products", new java.util.TreeMap<>(activation.products())));
    m.put("sales_touch", Map.of("assisted_types", new java.util.TreeSet<>(salesTouch.assistedTypes())));
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("pre_period_days", lift.prePeriodDays());
    l.put("touch_window_days", lift.touchWindowDays());
    l.put("bootstrap_replicates", lift.bootstrapReplicates());
    l.put("min_group_size", lift.minGroupSize());
    l.put("seed", lift.seed());
    m.put("lift", l);
    m.put("quarter_end_window_days", quarterEndWindowDays);
    m.put("max_reject_ratio", maxRejectRatio);
    return m;
  }

  /** The band of a head count: the band with the largest lower bound not above it. */
  public String sizeBandOf(Long employees) {
    if (employees == null) {
      return "UNKNOWN";
    }
    String best = "UNKNOWN";
    long bestBound = Long.MIN_VALUE;
    for (Map.Entry<String, Long> band : sizeBands.entrySet()) {
      if (band.getValue() <= employees && band.getValue() > bestBound) {
        best = band.getKey();
        bestBound = band.getValue();
      }
    }
    return best;
  }
}

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

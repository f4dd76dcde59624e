package com.saleslift.metrics;

/**
 * The early usage bands sales_lift stratifies on (docs/metrics.md): usage events in an account's
 * pre-period. One definition for the job and for the generator that plants effects by band.
 */
public enum UsageBand {
  NONE(0), LOW(1), MEDIUM(10), HIGH(50);

  /** The fewest events that put an account in this band. */
  final long minEvents;

  UsageBand(long minEvents) {
    this.minEvents = minEvents;
  }

  public static UsageBand of(long events) {
    UsageBand band = NONE;
    for (UsageBand b : values()) {
      if (events >= b.minEvents) {
        band = b;
      }
    }
    return band;
  }
}

package com.saleslift.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Seconds spent per stage, in the order the stages ran, for run.json and the log. */
public final class StageClock {
  private final Map<String, BigDecimal> seconds = new LinkedHashMap<>();
  private String current;
  private long startedNanos;

  public void start(String stage) {
    stop();
    current = stage;
    startedNanos = System.nanoTime();
  }

  public void stop() {
    if (current != null) {
      seconds.put(current, BigDecimal.valueOf(System.nanoTime() - startedNanos, 9).setScale(3, RoundingMode.HALF_UP));
      current = null;
    }
  }

  public Map<String, BigDecimal> seconds() {
    return new LinkedHashMap<>(seconds);
  }
}

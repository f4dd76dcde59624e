package com.saleslift.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Seconds spent per stage, in the order the stages ran, for run.json and the progress lines. */
public final class StageClock {
  private final Map<String, BigDecimal> seconds = new LinkedHashMap<>();
  private final RunProgress progress;
  private String current;
  private long startedNanos;

  public StageClock(RunProgress progress) {
    this.progress = progress;
  }

  public void start(String stage) {
    stop();
    current = stage;
    startedNanos = System.nanoTime();
    progress.started(stage);
  }

  public void stop() {
    if (current != null) {
      BigDecimal spent = BigDecimal.valueOf(System.nanoTime() - startedNanos, 9).setScale(3, RoundingMode.HALF_UP);
      seconds.put(current, spent);
      progress.finished(current, spent);
      current = null;
    }
  }

  public Map<String, BigDecimal> seconds() {
    return new LinkedHashMap<>(seconds);
  }
}

package com.saleslift.run;

import java.math.BigDecimal;

/** Told as each stage of a run starts and ends, so the command line can show where a run is. */
public interface RunProgress {
  RunProgress NONE = new RunProgress() {
    @Override
    public void started(String stage) {}

    @Override
    public void finished(String stage, BigDecimal seconds) {}
  };

  void started(String stage);

  void finished(String stage, BigDecimal seconds);
}

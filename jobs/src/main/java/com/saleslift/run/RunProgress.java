package com.saleslift.run;

import java.math.BigDecimal;

/** Told as each stage of a run starts and ends, so the command line can show where a run is. */
public interface RunProgress {
  void started(String stage);

  void finished(String stage, BigDecimal seconds);
}

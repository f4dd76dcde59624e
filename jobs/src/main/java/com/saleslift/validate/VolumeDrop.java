package com.saleslift.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table that suddenly holds far fewer accepted rows than at the previous nightly run (config
 * `volume_drop_warn`): an export cut short or filtered by mistake still looks fresh, so its
 * size against the last run is the other thing worth a warning.
 */
public final class VolumeDrop {
  private VolumeDrop() {}

  /**
   * One sentence per table whose accepted rows fell below {@code (1 - drop)} times the previous
   * run's; a table the previous run did not have is not compared.
   */
  public static List<String> warnings(Map<String, Long> acceptedNow, Map<String, Long> acceptedBefore, BigDecimal drop,
      String previousRunId) {
    List<String> warnings = new ArrayList<>();
    BigDecimal keep = BigDecimal.ONE.subtract(drop);
    acceptedNow.forEach((table, now) -> {
      Long before = acceptedBefore.get(table);
      if (before != null && BigDecimal.valueOf(now).compareTo(keep.multiply(BigDecimal.valueOf(before))) < 0) {
        warnings.add(String.format(Locale.ROOT, "%s dropped from %,d accepted rows in the run of %s to %,d (a warning below %s%% of the previous run).",
            Freshness.readable(table), before, previousRunId, now, keep.movePointRight(2).stripTrailingZeros().toPlainString()));
      }
    });
    return warnings;
  }
}

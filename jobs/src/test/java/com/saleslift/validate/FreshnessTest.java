package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig.FreshnessLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The judgement of freshness and volume on hand-picked dates and counts (the Spark side is in DataWarningsTest). */
class FreshnessTest {
  private static final LocalDate RUN = LocalDate.of(2026, 12, 1);

  @Test
  void aTableIsStaleOnlyPastItsLimit() {
    // 2026-11-29 is 2 days before the run date: at the limit, not past it.
    assertThat(Freshness.judge("usage_events", "occurred_at", LocalDate.of(2026, 11, 29), RUN, new FreshnessLimits(2, 5)).status())
        .isEqualTo(Freshness.Status.OK);
    Freshness.Check warn = Freshness.judge("usage_events", "occurred_at", LocalDate.of(2026, 11, 28), RUN, new FreshnessLimits(2, 5));
    assertThat(warn.status()).isEqualTo(Freshness.Status.WARN);
    assertThat(warn.ageDays()).isEqualTo(3);
    assertThat(warn.warning()).contains(
        "Usage events may be stale: the newest occurred_at is 2026-11-28, 3 days before the run date (a warning after 2 days).");
    // 31 days: October 31 to December 1.
    Freshness.Check error = Freshness.judge("usage_events", "occurred_at", LocalDate.of(2026, 10, 31), RUN, new FreshnessLimits(2, 30));
    assertThat(error.status()).isEqualTo(Freshness.Status.ERROR);
    assertThat(error.refusal()).isEqualTo(
        "usage_events: the newest occurred_at is 2026-10-31, 31 days old at the run date, over freshness.usage_events.error_after_days 30");
    // Limits off: never stale.
    assertThat(Freshness.judge("activities", "occurred_at", LocalDate.of(2020, 1, 1), RUN, new FreshnessLimits(null, null)).status())
        .isEqualTo(Freshness.Status.OK);
  }

  @Test
  void aTableWithoutRowsIsPastAnyLimitSet() {
    Freshness.Check warn = Freshness.judge("activities", "occurred_at", null, RUN, new FreshnessLimits(7, null));
    assertThat(warn.status()).isEqualTo(Freshness.Status.WARN);
    assertThat(warn.ageDays()).isNull();
    assertThat(warn.warning()).contains("Activities has no accepted rows: nothing tells how fresh it is.");
    assertThat(Freshness.judge("activities", "occurred_at", null, RUN, new FreshnessLimits(7, 30)).status())
        .isEqualTo(Freshness.Status.ERROR);
    assertThat(Freshness.judge("activities", "occurred_at", null, RUN, new FreshnessLimits(null, null)).status())
        .isEqualTo(Freshness.Status.OK);
  }

  @Test
  void aVolumeDropIsAWarningBelowTheShareKept() {
    Map<String, Long> before = new LinkedHashMap<>();
    before.put("usage_events", 10_000L);
    before.put("opportunities", 400L);
    Map<String, Long> now = new LinkedHashMap<>();
    now.put("usage_events", 4_999L);   // below 50% of 10,000
    now.put("opportunities", 200L);    // exactly 50%: kept
    now.put("activities", 3L);         // not in the previous run: not compared
    assertThat(VolumeDrop.warnings(now, before, new BigDecimal("0.5"), "2026-11-30")).containsExactly(
        "Usage events dropped from 10,000 accepted rows in the run of 2026-11-30 to 4,999 (a warning below 50% of the previous run).");
    assertThat(VolumeDrop.warnings(now, before, new BigDecimal("0.6"), "2026-11-30")).isEmpty();
    assertThat(VolumeDrop.warnings(now, before, new BigDecimal("0.4"), "2026-11-30")).hasSize(2);
  }
}

package com.saleslift.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which metric tables an input can fill, worked out by hand from docs/inputs.md's table of needs. */
class DataSupportTest {
  private static final Map<String, Long> CRM_ONLY = Map.of("accounts", 85L, "reps", 35L, "products", 7L,
      "opportunities", 8_800L, "activities", 1_200L, "targets", 40L, "subscriptions", 0L, "usage_events", 0L);
  private static final Map<String, Long> BILLING_AND_USAGE = Map.of("accounts", 500L, "reps", 0L, "products", 3L,
      "opportunities", 0L, "activities", 0L, "subscriptions", 5_000L, "usage_events", 25_000L);

  @Test
  void aCrmOnlyCompanyHasNoRevenueUsageOrLiftButKnowsItsChannels() {
    DataSupport support = DataSupport.of(CRM_ONLY);
    assertThat(support.leftOutTables()).containsOnlyKeys("mrr_movements", "revenue_retention", "activation", "sales_lift",
        "onboarding", "quarter_end_deals", "outreach_mix", "feature_requests", "accounts_to_engage", "holdout_lift", "accounts_at_risk");
    assertThat(support.leftOut("mrr_movements")).contains("needs subscriptions: none in this input");
    assertThat(support.leftOut("sales_lift")).contains("needs subscriptions and usage_events: neither in this input");
    // feature_requests is absent (not named): empty, as is subscriptions.
    assertThat(support.leftOut("feature_requests")).contains("needs feature_requests and subscriptions: neither in this input");
    assertThat(support.supports("lifecycle")).isTrue();
    assertThat(support.supports("quota_attainment")).isTrue();
    assertThat(support.channelKnown()).isTrue();
  }

  @Test
  void aBillingAndUsageCompanyCannotTellSalesLedFromProductLed() {
    DataSupport support = DataSupport.of(BILLING_AND_USAGE);
    assertThat(support.leftOutTables()).containsOnlyKeys("sales_funnel", "activity_effectiveness", "sales_lift",
        "quarter_end_deals", "outreach_mix", "feature_requests", "quota_attainment", "accounts_to_engage", "holdout_lift");
    assertThat(support.leftOut("quota_attainment")).contains("needs opportunities and targets: neither in this input");
    assertThat(support.supports("mrr_movements")).isTrue();
    assertThat(support.supports("accounts_at_risk")).isTrue();
    assertThat(support.channelKnown()).isFalse();
    assertThat(support.describe()).last().isEqualTo("channel: " + DataSupport.CHANNEL_UNKNOWN);
  }

  @Test
  void lifecycleNeedsOnlyOneOfItsThreeSources() {
    assertThat(DataSupport.of(Map.of("opportunities", 0L, "subscriptions", 0L, "usage_events", 1L)).supports("lifecycle")).isTrue();
    assertThat(DataSupport.of(Map.of("accounts", 3L)).leftOut("lifecycle"))
        .contains("needs opportunities, subscriptions or usage_events: none of them in this input");
  }

  @Test
  void oneCrmTableIsEnoughToKnowTheChannel() {
    assertThat(DataSupport.of(Map.of("activities", 1L)).channelKnown()).isTrue();
    assertThat(DataSupport.of(Map.of("opportunities", 1L)).channelKnown()).isTrue();
  }

  @Test
  void everyPublishedMetricTableDeclaresWhatItNeeds() {
    assertThat(DataSupport.NEEDS.keySet()).containsExactlyElementsOf(
        com.saleslift.metrics.CoreMetrics.TABLES.stream().map(com.saleslift.metrics.MetricTable::name).toList());
  }
}

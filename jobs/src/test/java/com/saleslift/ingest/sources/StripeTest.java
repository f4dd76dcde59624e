package com.saleslift.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stripe amounts to monthly amounts, worked out by hand. */
class StripeTest {
  private static SourceObject.Record price(String interval, String count) {
    return new SourceObject.Record("prices.csv", 2, Map.of("recurring_interval", interval, "recurring_interval_count", count), null);
  }

  @Test
  void minorUnitsAndIntervalsBecomeAMonthlyAmount() {
    // 4,900 cents a month.
    assertThat(Stripe.monthly("4900", "USD", price("month", "1"))).isEqualTo("49");
    // Every 3 months: 90.00 / 3.
    assertThat(Stripe.monthly("9000", "EUR", price("month", "3"))).isEqualTo("30");
    // Yearly 1,200.00 -> 100.00.
    assertThat(Stripe.monthly("120000", "USD", price("year", "1"))).isEqualTo("100");
    // Weekly 12.00 -> 12 x 52 / 12 = 52.00.
    assertThat(Stripe.monthly("1200", "USD", price("week", "1"))).isEqualTo("52");
    // Yen have no minor unit: 1,200 yen a year is 100 yen a month, not 1.
    assertThat(Stripe.monthly("1200", "JPY", price("year", "1"))).isEqualTo("100");
    // 10.00 a year: 0.833333 a month, to six decimals.
    assertThat(Stripe.monthly("1000", "USD", price("year", "1"))).isEqualTo("0.833333");
    // Not a number: left for the row rules to reject, naming it.
    assertThat(Stripe.monthly("ten", "USD", price("month", "1"))).isEqualTo("ten");
    assertThat(Stripe.monthly("100", "USD", price("month", "x"))).isEqualTo("interval count x");
  }
}

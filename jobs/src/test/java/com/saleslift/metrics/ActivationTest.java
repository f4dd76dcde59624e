package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product p activates on events a and b within 14 days; q on its first use. The reporting zone
 * is New York: cohorts and the as-of (2024-04-01T04:00Z) are cut there.
 */
class ActivationTest {
  @TempDir
  Path dir;

  @Test
  void activationJustInsideAndJustOutsideTheWindow() {
    Path input = new InputFolder(dir)
        .config("""
            reporting_timezone: America/New_York
            activation:
              window_days: 14
              products:
                p: [a, b]
            """)
        .table("accounts", """
            C1,,B2B,,,,,,2024-01-01T00:00:00Z
            C2,,B2B,,,,,,2024-01-01T00:00:00Z
            C3,,B2B,,,,,,2024-01-01T00:00:00Z
            C4,,B2B,,,,,,2024-01-01T00:00:00Z
            C5,,B2B,,,,,,2024-01-01T00:00:00Z
            C6,,B2B,,,,,,2024-01-01T00:00:00Z
            C7,,B2B,,,,,,2024-01-01T00:00:00Z
            """)
        .table("usage_events", """
            e1,2024-01-01T12:00:00Z,C1,,p,x
            e2,2024-01-05T12:00:00Z,C1,,p,a
            e3,2024-01-15T12:00:00Z,C1,,p,b
            e4,2024-01-01T12:00:00Z,C2,,p,x
            e5,2024-01-02T12:00:00Z,C2,,p,a
            e6,2024-01-15T12:00:01Z,C2,,p,b
            e7,2024-01-10T12:00:00Z,C3,,p,x
            e8,2024-01-10T18:00:00Z,C3,,p,a
            e9,2024-01-11T12:00:00Z,C3,,p,b
            e10,2024-03-20T12:00:00Z,C4,,p,a
            e11,2024-01-20T12:00:00Z,C5,,q,open
            e12,2024-03-18T04:00:00Z,C6,,p,x
            e13,2024-03-19T12:00:00Z,C6,,p,a
            e14,2024-02-01T03:00:00Z,C7,,q,open
            """)
        .write();
    // C1: b exactly 14.0 days after start: activated. C2: one second later: not. C3: 1 day.
    // C4 starts 2024-03-20: its window ends after the as-of, left out. C6's window ends exactly
    // at the as-of: decided, not activated. C7 starts on Jan 31 in New York. No CRM rows: the channel is UNKNOWN.
    assertThat(Pipeline.lines(Pipeline.metrics(input, LocalDate.of(2024, 3, 31)).get("activation"))).containsExactly(
        "cohort_month,segment,product_id,channel,started,activated,activation_rate,median_days_to_activate",
        "2024-01,B2B,p,UNKNOWN,3,2,0.6667,7.5000",
        "2024-01,B2B,q,UNKNOWN,2,2,1.0000,0.0000",
        "2024-03,B2B,p,UNKNOWN,1,0,0.0000,");
  }
}

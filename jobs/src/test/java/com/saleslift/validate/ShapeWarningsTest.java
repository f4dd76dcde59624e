package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage before the account existed, counted from the rolled-up groups; worked out by hand. */
class ShapeWarningsTest {
  @TempDir
  Path dir;

  @Test
  void usageBeforeCreationCountsWholeGroupsAndOneEventOfAStraddlingGroup() {
    // A1 created 2024-01-10: (A1, p, signup) lies wholly before it (1 event); (A1, p, open) runs
    // from 01-05 to 01-12, so at least its first event is before. A2's event is after its creation.
    // Certain: 1 + 1 = 2 of 5 events, 40%: past the 5% threshold.
    Path input = new InputFolder(dir).table("accounts", """
            A1,,B2B,,,,,,2024-01-10T00:00:00Z
            A2,,B2C,,,,,,2024-01-01T00:00:00Z
            """)
        .table("usage_events", """
            e1,2024-01-05T10:00:00Z,A1,,p,open
            e2,2024-01-06T10:00:00Z,A1,,p,open
            e3,2024-01-12T10:00:00Z,A1,,p,open
            e4,2024-01-08T10:00:00Z,A1,,p,signup
            e5,2024-01-02T10:00:00Z,A2,,p,open
            """)
        .write();
    ValidatedInput validated = Pipeline.validate(input, LocalDate.of(2024, 6, 30));
    ShapeWarnings.Warning w = ShapeWarnings.usageBeforeCreation(validated.usage().groups(),
        validated.table(CanonicalTable.ACCOUNTS)).orElseThrow();
    assertThat(w.count()).isEqualTo(2);
    assertThat(w.of()).isEqualTo(5);
    assertThat(w.share()).isEqualByComparingTo(new BigDecimal("0.4"));
    assertThat(w.headline()).isTrue();
    assertThat(w.sentence()).startsWith("At least 2 of 5 usage events (40%) are dated before their account was created");
  }

  @Test
  void sharesReadAsWholePercentsFromTenUp() {
    assertThat(ShapeWarnings.percent(new BigDecimal("0.8812"))).isEqualTo("88%");
    assertThat(ShapeWarnings.percent(new BigDecimal("0.0449"))).isEqualTo("4.5%");
  }
}

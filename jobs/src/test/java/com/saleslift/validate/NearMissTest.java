package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.NearMiss;
import com.saleslift.ingest.Reject;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Did you mean": a key that equals a known one once case, spaces and punctuation are ignored. */
class NearMissTest {
  @TempDir
  Path dir;

  @Test
  void twinsDifferOnlyInCaseSpacesAndPunctuation() {
    NearMiss products = new NearMiss(List.of("GTX Pro", "GTX", "core"));
    assertThat(products.of("GTXPro")).contains("GTX Pro");
    assertThat(products.of("gtx-pro")).contains("GTX Pro");
    assertThat(products.of("CORE")).contains("core");
    assertThat(products.of("GTX Pro")).isEmpty();
    assertThat(products.of("GTX Pro Max")).isEmpty();
    assertThat(products.of("--")).isEmpty();
  }

  @Test
  void anOrphanEventAndAnOrphanDealNameTheProductTheyNearlyAre() {
    Path input = new InputFolder(dir)
        .table("products", """
            GTX Pro,,,GROWTH,
            GTX,,,MATURE,
            """)
        .table("accounts", "A1,,B2B,,,,,,2024-01-01T00:00:00Z")
        .table("opportunities", "O1,A1,R1,gtx pro,NEW_BUSINESS,,false,false,,,,2024-02-01T00:00:00Z,,")
        .table("usage_events", """
            e1,2024-02-01T10:00:00Z,A1,,GTXPro,open
            e2,2024-02-01T11:00:00Z,A1,,GTX-Ultra,open
            e3,2024-02-01T12:00:00Z,A1,,GTX,open
            """)
        .write();
    ValidatedInput validated = Pipeline.validate(input, LocalDate.of(2024, 6, 30));
    assertThat(validated.rejects().get(CanonicalTable.USAGE_EVENTS)).extracting(Reject::detail).containsExactly(
        "unknown products key 'GTXPro' (did you mean 'GTX Pro'?)",
        "unknown products key 'GTX-Ultra'");
    assertThat(validated.rejects().get(CanonicalTable.OPPORTUNITIES)).extracting(Reject::detail).containsExactly(
        "unknown products key 'gtx pro' (did you mean 'GTX Pro'?)");
  }
}

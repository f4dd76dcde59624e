package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectFilesTest {
  @Test
  void spreadsheetFormulasAreWrittenAsText() {
    assertThat(RejectFiles.asText("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
    assertThat(RejectFiles.asText("+1")).isEqualTo("'+1");
    assertThat(RejectFiles.asText("-2")).isEqualTo("'-2");
    assertThat(RejectFiles.asText("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(RejectFiles.asText("\tx")).isEqualTo("'\tx");
    assertThat(RejectFiles.asText("\rx")).isEqualTo("'\rx");
    assertThat(RejectFiles.asText("plain")).isEqualTo("plain");
    assertThat(RejectFiles.asText("")).isEmpty();
  }
}

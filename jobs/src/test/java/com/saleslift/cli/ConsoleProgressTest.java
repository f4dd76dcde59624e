package com.saleslift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The two faces of the progress lines: redrawn on a terminal, plain and time-stamped elsewhere. */
class ConsoleProgressTest {
  @Test
  void onATerminalARunningStageIsRedrawnInPlaceThenEndsWithItsTime() throws InterruptedException {
    StringWriter text = new StringWriter();
    try (ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true)) {
      progress.started("validate");
      Thread.sleep(700);
      progress.finished("validate", new BigDecimal("41.349"));
      progress.started("metrics");
      progress.finished("metrics", new BigDecimal("0.05"));
    }
    String[] drawn = text.toString().split("\r");
    // At 250 ms a frame, 700 ms draw at least two spinner frames of the running stage, 0 s so far.
    assertThat(drawn).contains("validate        | 0 s", "validate        / 0 s");
    assertThat(text.toString()).contains("\rvalidate       41.3 s   \n").endsWith("\rmetrics         0.1 s   \n");
  }

  @Test
  void elsewhereEachFinishedStageIsOneTimeStampedLine() {
    StringWriter text = new StringWriter();
    try (ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), false)) {
      progress.started("ingest");
      progress.finished("ingest", new BigDecimal("3.04"));
    }
    assertThat(text.toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ saleslift: ingest          3\\.0 s\\R");
  }

  @Test
  void aStageThatFailsHalfWayHasItsLineEndedSoTheErrorStartsANewOne() throws InterruptedException {
    StringWriter text = new StringWriter();
    try (ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), true)) {
      progress.started("validate");
      Thread.sleep(300);
    }
    assertThat(text.toString()).startsWith("\rvalidate        | 0 s").endsWith(System.lineSeparator());
  }
}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.SparkTestSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose notification cannot be delivered, in this JVM on the shared session. */
class MailServerDownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATE = "2024-06-30";

  @TempDir
  Path dir;

  /** A mail server that is down costs a warning line and a record, and nothing else. */
  @Test
  void aRunWhoseMailServerIsDownStillPublishesAndExitsZero() throws Exception {
    SparkTestSession.get();
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(NotifiedRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Path config = Files.writeString(dir.resolve("down.yaml"), """
        max_reject_ratio: 0.5
        notify:
          email: {smtp_host: 127.0.0.1, smtp_port: %d, starttls: false, from: a@example.com, to: [b@example.com]}
        """.formatted(closedPort));
    Path output = dir.resolve("out");
    CliRun down = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--config", config.toString(),
        "--date", DATE);

    assertThat(down.exit()).as(down.stderr()).isZero();
    assertThat(output.resolve(DATE).resolve("report.pdf")).exists();
    // The input folder's own saleslift.yaml is passed over for --config, and said so first.
    assertThat(down.stderrLines()).hasSize(2).first().isEqualTo("saleslift: configuration read from " + config
        + "; also found and ignored: " + input.resolve("saleslift.yaml"));
    assertThat(down.stderrLines().get(1))
        .startsWith("saleslift: warning: the email notification to 127.0.0.1:" + closedPort + " was not sent after 3 tries: "
            + "MailConnectException: Couldn't connect to host")
        .endsWith("(see " + output.resolve("_notify").resolve(DATE + ".jsonl") + ")");
    assertThat(Files.readAllLines(output.resolve("_notify").resolve(DATE + ".jsonl")))
        .extracting(l -> JSON.readTree(l).get("status").asText()).containsExactly("failed", "failed", "failed");
  }

}

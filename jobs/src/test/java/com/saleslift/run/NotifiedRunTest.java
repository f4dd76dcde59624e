package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.JobProcess;
import com.saleslift.support.SparkTestSession;
import com.saleslift.support.WebhookReceiver;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against an SMTP server (GreenMail) and a webhook receiver in this JVM, with secrets
 * in the environment they are given: a published run and a refused one reach both; `notify --run`,
 * as its own process with the secrets in its environment as on a cron host, sends again; and no
 * secret is printed or written anywhere. The company is the small valid one of the bad-input
 * corpus at 2024-06-30, where usage events are 140 days old: a data warning by default.
 */
class NotifiedRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "smtp-s3cret-pw";
  private static final String HOOK_PATH = "/services/T0/B0/hook-s3cret-token";
  private static final String DATE = "2024-06-30";

  @TempDir
  Path dir;
  private GreenMail mail;
  private WebhookReceiver hook;

  @BeforeEach
  void start() throws IOException {
    SparkTestSession.get();
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "saleslift", PASSWORD));
    mail.start();
    hook = WebhookReceiver.accepting("/");
  }

  @AfterEach
  void stop() {
    mail.stop();
    hook.close();
  }

  private record Ran(int exit, String stdout, String stderr) {}

  private Ran run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = JobProcess.builder(JobProcess.command(args));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Path config(String name, int smtpPort, String format) throws IOException {
    return Files.writeString(dir.resolve(name), """
        max_reject_ratio: 0.5
        notify:
          email:
            smtp_host: 127.0.0.1
            smtp_port: %d
            starttls: false
            username: saleslift
            from: saleslift@example.com
            to: [leadership@example.com]
          webhook:
            format: %s
        """.formatted(smtpPort, format));
  }

  private Map<String, String> secrets() {
    return Map.of("SALESLIFT_SMTP_PASSWORD", PASSWORD, "SALESLIFT_WEBHOOK_URL", hook.url(HOOK_PATH));
  }

  /** A nightly run in this JVM, on the shared session, reading its secrets from {@link #secrets}. */
  private Ran nightly(Path input, Path output, Path config) {
    CliRun run = CliRun.of(secrets()::get, List.of("nightly", "--input", input.toString(), "--output", output.toString(),
        "--config", config.toString(), "--date", DATE));
    return new Ran(run.exit(), run.stdout(), run.stderr());
  }

  private static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    Multipart top = (Multipart) content;
    Object first = top.getBodyPart(0).getContent();
    Multipart alternative = first instanceof Multipart mp ? mp : top;
    return ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
  }

  @Test
  void publishedAndRefusedRunsReachMailAndWebhookAndNoSecretIsPrintedOrWritten() throws Exception {
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(NotifiedRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    // The same exports without their accounts table: refused as soon as the files are read.
    Path incomplete = dir.resolve("incomplete");
    InputFolder.copyTree(input, incomplete);
    Files.delete(incomplete.resolve("accounts.csv"));
    Path slack = config("slack.yaml", mail.getSmtp().getPort(), "slack");
    Path json = config("json.yaml", mail.getSmtp().getPort(), "json");
    Path output = dir.resolve("out");

    // Published with data warnings: the mail carries them, the figures and the findings; so does the Slack message.
    Ran published = nightly(input, output, slack);
    assertThat(published.exit()).as(published.stderr()).isZero();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).extracting(MimeMessage::getSubject).containsExactly("SalesLift 2024-06-30: published with warnings");
    assertThat(received[0].getContentType()).startsWith("multipart/mixed");
    assertThat(text(received[0])).startsWith("Nightly run, run date 2024-06-30: published with warnings.\n\nDATA WARNINGS\n"
            + "- Usage events may be stale")
        .contains("HEADLINE FIGURES\nFigure", "Current MRR", "FINDINGS\n- ",
            "Report: " + output.resolve(DATE).resolve("report.pdf") + " (attached)");
    assertThat(hook.bodies()).singleElement().satisfies(body -> assertThat(JSON.readTree(body).get("text").asText())
        .startsWith("SalesLift 2024-06-30: published with warnings."));

    // Refused: both carry the one-line reason of standard error and where _failed/ keeps the run.json.
    Ran refused = nightly(incomplete, output, json);
    assertThat(refused.exit()).as(refused.stderr()).isEqualTo(3);
    // The input folder's own saleslift.yaml is passed over for --config, and said so first.
    List<String> stderr = refused.stderr().strip().lines().toList();
    assertThat(stderr).hasSize(2);
    assertThat(stderr.get(0)).isEqualTo("saleslift: configuration read from " + json + "; also found and ignored: "
        + incomplete.resolve("saleslift.yaml"));
    String reason = stderr.get(1);
    assertThat(reason).startsWith("saleslift: input refused: ");
    Path failedFolder;
    try (Stream<Path> failed = Files.list(output.resolve("_failed"))) {
      failedFolder = failed.findFirst().orElseThrow();
    }
    assertThat(failedFolder.resolve("run.json")).exists();
    MimeMessage refusal = mail.getReceivedMessages()[1];
    assertThat(refusal.getSubject()).isEqualTo("SalesLift 2024-06-30: refused");
    assertThat(text(refusal)).isEqualTo("Nightly run, run date 2024-06-30: refused. Nothing was published; "
        + "the runs published before stay as they were.\n\nReason: " + reason.substring("saleslift: ".length())
        + "\nIts run.json and rejects: " + failedFolder + "\n");
    JsonNode refusedBody = JSON.readTree(hook.bodies().get(1));
    assertThat(refusedBody.get("status").asText()).isEqualTo("refused");
    assertThat(refusedBody.get("message").asText()).isEqualTo(reason.substring("saleslift: ".length()));
    assertThat(refusedBody.get("failed_folder").asText()).isEqualTo(failedFolder.toString());

    // notify --run sends a finished run's notice again; it exits 1 when a channel did not take it.
    Ran again = run(List.of("notify", "--run", output.resolve(DATE).toString(), "--config", json.toString()), secrets());
    assertThat(again.exit()).as(again.stderr()).isZero();
    assertThat(again.stdout()).isEqualTo("sent by email to 127.0.0.1:" + mail.getSmtp().getPort() + "\nsent by webhook to 127.0.0.1\n");
    assertThat(JSON.readTree(hook.bodies().get(2)).get("status").asText()).isEqualTo("published_with_warnings");
    // A wrong password (a secret too) is refused once, not tried again, and never printed.
    Map<String, String> wrongPassword = new java.util.HashMap<>(secrets());
    wrongPassword.put("SALESLIFT_SMTP_PASSWORD", "s3cret-but-wrong");
    Ran failedAgain = run(List.of("notify", "--run", failedFolder.toString(), "--config", json.toString()), wrongPassword);
    assertThat(failedAgain.exit()).isEqualTo(1);
    assertThat(failedAgain.stderr()).startsWith("saleslift: warning: the email notification to 127.0.0.1:" + mail.getSmtp().getPort()
        + " was not sent after 1 try: the SMTP server refused the credentials of saleslift (see ");
    assertThat(JSON.readTree(hook.bodies().get(3)).get("status").asText()).isEqualTo("refused");
    assertThat(Files.readAllLines(output.resolve("_notify").resolve(DATE + ".jsonl")))
        .extracting(l -> JSON.readTree(l).get("channel").asText() + " " + JSON.readTree(l).get("status").asText())
        .containsExactly("email sent", "webhook sent", "email sent", "webhook sent", "email sent", "webhook sent",
            "email failed", "webhook sent");

    // No secret anywhere: not in what the runs printed, not in any file they wrote.
    List<String> said = new ArrayList<>();
    for (Ran r : List.of(published, refused, again, failedAgain)) {
      said.add(r.stdout());
      said.add(r.stderr());
    }
    try (Stream<Path> files = Files.walk(output)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        said.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(said).allSatisfy(s -> assertThat(s).doesNotContain("s3cret"));
    assertThat(Files.readString(output.resolve(DATE).resolve("run.json")))
        .contains("\"password_env\" : \"SALESLIFT_SMTP_PASSWORD\"", "\"url_env\" : \"SALESLIFT_WEBHOOK_URL\"");
  }

}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.saleslift.support.InputFolder;
import com.saleslift.support.JobProcess;
import com.saleslift.support.WebhookReceiver;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Whole runs as their own processes, with secrets in their environment as on a cron host, against
 * an SMTP server (GreenMail) and a webhook receiver in this JVM: a published run and a refused one
 * reach both, an unreachable mail server costs a warning and nothing else, `notify --run` sends
 * again, and no secret is printed or written anywhere. The company is the small valid one of the
 * bad-input corpus at 2024-06-30, where usage events are 140 days old: a data warning by default.
 */
@Execution(ExecutionMode.CONCURRENT)
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

  private Path config(String name, int smtpPort, String format, String more) throws IOException {
    return Files.writeString(dir.resolve(name), """
        max_reject_ratio: 0.5
        %s
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
        """.formatted(more, smtpPort, format));
  }

  private Map<String, String> secrets() {
    return Map.of("SALESLIFT_SMTP_PASSWORD", PASSWORD, "SALESLIFT_WEBHOOK_URL", hook.url(HOOK_PATH));
  }

  private List<String> nightly(Path input, Path output, Path config, String date) {
    return List.of("nightly", "--input", input.toString(), "--output", output.toString(), "--config", config.toString(),
        "--date", date, "--master", "local[1]");
  }

  private static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    Multipart top = (Multipart) content;
    Object first = top.getBodyPart(0).getContent();
    Multipart alternative = first instanceof Multipart mp ? mp : top;
    return ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
  }

  @Test
  void publishedAndRefusedRunsReachMailAndWebhookAndAFailedSendOnlyWarns() throws Exception {
    Path input = dir.resolve("in");
    InputFolder.copyTree(Path.of(NotifiedRunTest.class.getResource("/bad-inputs/_base").toURI()), input);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Path delivering = config("delivering.yaml", mail.getSmtp().getPort(), "slack", "");
    Path refusing = config("refusing.yaml", mail.getSmtp().getPort(), "json",
        "freshness: {usage_events: {warn_after_days: 2, error_after_days: 30}}");
    Path unreachable = config("unreachable.yaml", closedPort, "json", "");
    List<Ran> runs = new ArrayList<>();
    List<Path> outputs = List.of(dir.resolve("published"), dir.resolve("refused"), dir.resolve("unreachable"));
    List<Path> configs = List.of(delivering, refusing, unreachable);
    // Three runs at once, each into its own folder: the machine's two cores are shared anyway.
    List<Thread> threads = new ArrayList<>();
    Ran[] done = new Ran[3];
    for (int i = 0; i < 3; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        try {
          done[n] = run(nightly(input, outputs.get(n), configs.get(n), DATE), secrets());
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    runs.addAll(Arrays.asList(done));

    // Published with a data warning: the mail and the Slack message carry it.
    Ran published = runs.get(0);
    assertThat(published.exit()).as(published.stderr()).isZero();
    Ran refused = runs.get(1);
    assertThat(refused.exit()).as(refused.stderr()).isEqualTo(3);
    String reason = refused.stderr().strip();
    assertThat(reason).startsWith("saleslift: input refused: usage_events: the newest ").doesNotContain("\n");

    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).extracting(MimeMessage::getSubject)
        .containsExactlyInAnyOrder("SalesLift 2024-06-30: published with warnings", "SalesLift 2024-06-30: refused");
    MimeMessage publishedMail = Arrays.stream(received).filter(m -> subject(m).endsWith("warnings")).findFirst().orElseThrow();
    MimeMessage refusedMail = Arrays.stream(received).filter(m -> subject(m).endsWith("refused")).findFirst().orElseThrow();
    assertThat(publishedMail.getContentType()).startsWith("multipart/mixed");
    String publishedText = text(publishedMail);
    assertThat(publishedText).startsWith("Nightly run, run date 2024-06-30: published with warnings.\n\nDATA WARNINGS\n- Usage events may be stale")
        .contains("HEADLINE FIGURES\nFigure", "Current MRR", "FINDINGS\n- ",
            "Report: " + outputs.get(0).resolve(DATE).resolve("report.pdf") + " (attached)");
    Path failedFolder;
    try (Stream<Path> failed = Files.list(outputs.get(1).resolve("_failed"))) {
      failedFolder = failed.findFirst().orElseThrow();
    }
    assertThat(text(refusedMail)).isEqualTo("Nightly run, run date 2024-06-30: refused. Nothing was published; "
        + "the runs published before stay as they were.\n\nReason: " + reason.substring("saleslift: ".length())
        + "\nIts run.json and rejects: " + failedFolder + "\n");

    List<JsonNode> bodies = new ArrayList<>();
    for (String body : hook.bodies()) {
      bodies.add(JSON.readTree(body));
    }
    // The published run's Slack message, the refusal, and the run whose mail server was down.
    assertThat(bodies).hasSize(3);
    JsonNode slack = bodies.stream().filter(b -> b.has("blocks")).findFirst().orElseThrow();
    assertThat(slack.get("text").asText()).startsWith("SalesLift 2024-06-30: published with warnings.");
    JsonNode refusal = bodies.stream().filter(b -> b.path("status").asText().equals("refused")).findFirst().orElseThrow();
    assertThat(refusal.get("status").asText()).isEqualTo("refused");
    assertThat(refusal.get("message").asText()).isEqualTo(reason.substring("saleslift: ".length()));
    assertThat(refusal.get("failed_folder").asText()).isEqualTo(failedFolder.toString());
    assertThat(failedFolder.resolve("run.json")).exists();

    // The mail server is down: the run still publishes and exits 0; a warning says what was not sent.
    Ran down = runs.get(2);
    assertThat(down.exit()).as(down.stderr()).isZero();
    assertThat(outputs.get(2).resolve(DATE).resolve("report.pdf")).exists();
    assertThat(down.stderr().lines().filter(l -> l.startsWith("saleslift: warning:")).toList()).singleElement().asString()
        .startsWith("saleslift: warning: the email notification to 127.0.0.1:" + closedPort + " was not sent after 3 tries: ")
        .endsWith("(see " + outputs.get(2).resolve("_notify").resolve(DATE + ".jsonl") + ")");
    assertThat(Files.readAllLines(outputs.get(2).resolve("_notify").resolve(DATE + ".jsonl")))
        .extracting(l -> JSON.readTree(l).get("channel").asText() + " " + JSON.readTree(l).get("status").asText())
        .containsExactly("email failed", "email failed", "email failed", "webhook sent");

    // notify --run sends an existing run's notice again; it exits 1 when a channel did not take it.
    Ran again = run(List.of("notify", "--run", outputs.get(0).resolve(DATE).toString(), "--config", delivering.toString()), secrets());
    assertThat(again.exit()).as(again.stderr()).isZero();
    assertThat(again.stdout()).isEqualTo("sent by email to 127.0.0.1:" + mail.getSmtp().getPort() + "\nsent by webhook to 127.0.0.1\n");
    assertThat(mail.getReceivedMessages()).hasSize(3);
    Ran failedAgain = run(List.of("notify", "--run", failedFolder.toString(), "--config", unreachable.toString()), secrets());
    assertThat(failedAgain.exit()).isEqualTo(1);
    assertThat(hook.bodies()).hasSize(5);
    assertThat(JSON.readTree(hook.bodies().get(3)).has("blocks")).isTrue();
    assertThat(JSON.readTree(hook.bodies().get(4)).get("status").asText()).isEqualTo("refused");

    // No secret anywhere: not in what the runs printed, not in any file they wrote.
    List<String> said = new ArrayList<>();
    for (Ran r : List.of(published, refused, down, again, failedAgain)) {
      said.add(r.stdout());
      said.add(r.stderr());
    }
    for (Path output : outputs) {
      try (Stream<Path> files = Files.walk(output)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          said.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
    }
    assertThat(said).allSatisfy(s -> assertThat(s).doesNotContain("s3cret"));
    assertThat(Files.readString(outputs.get(0).resolve(DATE).resolve("run.json")))
        .contains("\"password_env\" : \"SALESLIFT_SMTP_PASSWORD\"", "\"url_env\" : \"SALESLIFT_WEBHOOK_URL\"");
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}

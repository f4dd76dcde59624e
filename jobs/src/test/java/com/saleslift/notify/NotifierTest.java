package com.saleslift.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.support.TlsKeys;
import com.saleslift.support.WebhookReceiver;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Notifications against real servers on loopback: GreenMail receives the e-mail, SubEtha SMTP
 * the STARTTLS one, the JDK's HttpServer the webhook. The notice is written by hand, so every
 * expected line is too.
 */
class NotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Short pauses; a server that takes longer than 2 s (0.3 s where a hang is the point) has failed the try. */
  private static final DeliveryPolicy FAST = new DeliveryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final DeliveryPolicy IMPATIENT = new DeliveryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2),
      Duration.ofMillis(300));
  private static final String WARNING = "Subscriptions may be stale: the newest start_date is 2024-05-01, 60 days before the run date.";
  private static final String FINDING = "Calls & demos lift <B2B ENT> activation by 12 pts.";
  private static final String CHANGE = "Accounts at risk: 3 in, 2 out";

  @TempDir
  Path dir;
  private GreenMail mail;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private Path report;

  @BeforeEach
  void start() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.com", "saleslift", "right-password"));
    mail.start();
    report = Files.createDirectories(dir.resolve("out/2024-06-30")).resolve("report.pdf");
    Files.write(report, "%PDF-1.7\n% a report\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private Notice published() {
    return new Notice("2024-06-30", "Nightly run", LocalDate.of(2024, 6, 30), Notice.Status.PUBLISHED_WITH_WARNINGS,
        List.of(WARNING), List.of(new Notice.Figure("Current MRR", "USD 12,345", "+USD 1,200", "n/a"),
            new Notice.Figure("NRR, 12 months", "104.2%", "-1.5 pts", "n/a (n = 4)")),
        "Since 2024-06-23", List.of(CHANGE), List.of(FINDING), report, null, null);
  }

  private Notice refused() {
    return Notice.failed("2024-06-30", "Nightly run", LocalDate.of(2024, 6, 30), Notice.Status.REFUSED,
        "input refused: usage_events.csv: missing column 'event_time'", Optional.of(dir.resolve("out/_failed/2024-06-30-x")));
  }

  private static SalesLiftConfig.Notify settings(String yaml) {
    return ConfigLoader.parse("notify:\n" + yaml.indent(2), "test.yaml").notifications();
  }

  private String smtp(int port, String more) {
    return "email: {smtp_host: 127.0.0.1, smtp_port: " + port + ", from: saleslift@example.com, "
        + "to: [leadership@example.com, 'Sales Ops <ops@example.com>']" + more + "}";
  }

  private Notifier notifier(String yaml, Map<String, String> env, DeliveryPolicy policy) {
    return new Notifier(settings(yaml), env::get, policy, warnings::add);
  }

  private Path out() {
    return dir.resolve("out");
  }

  private List<JsonNode> records() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(out().resolve("_notify/2024-06-30.jsonl"))) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  @Test
  void theMailCarriesTheSummaryInTextAndHtmlAndThePdfAttached() throws Exception {
    List<Notifier.Delivery> sent = notifier(smtp(mail.getSmtp().getPort(), ", starttls: false"), Map.of(), FAST)
        .send(published(), out(), false);

    assertThat(sent).containsExactly(new Notifier.Delivery("email", "127.0.0.1:" + mail.getSmtp().getPort(), true, 1, null));
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("SalesLift 2024-06-30: published with warnings");
    assertThat(m.getHeader("From")).containsExactly("saleslift@example.com");
    assertThat(m.getHeader("To")).containsExactly("leadership@example.com, Sales Ops <ops@example.com>");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getContentType()).startsWith("multipart/mixed");

    Multipart mixed = (Multipart) m.getContent();
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    BodyPart text = alternative.getBodyPart(0);
    BodyPart html = alternative.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain; charset=UTF-8");
    assertThat(html.getContentType()).startsWith("text/html; charset=UTF-8");
    assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo(String.join("\n",
        "Nightly run, run date 2024-06-30: published with warnings.",
        "",
        "DATA WARNINGS",
        "- " + WARNING,
        "",
        "HEADLINE FIGURES",
        "Figure" + " ".repeat(17) + "Now  vs previous run  vs a year before",
        "Current MRR" + " ".repeat(5) + "USD 12,345" + " ".repeat(7) + "+USD 1,200" + " ".repeat(15) + "n/a",
        "NRR, 12 months" + " ".repeat(6) + "104.2%" + " ".repeat(9) + "-1.5 pts" + " ".repeat(7) + "n/a (n = 4)",
        "",
        "SINCE 2024-06-23",
        "- " + CHANGE,
        "",
        "FINDINGS",
        "- " + FINDING,
        "",
        "Report: " + report + " (attached)",
        ""));
    String page = ((String) html.getContent()).replace("\r\n", "\n");
    assertThat(page).contains("<li>Calls &amp; demos lift &lt;B2B ENT&gt; activation by 12 pts.</li>",
        "<h3>Since 2024-06-23</h3>\n<ul>\n<li>" + CHANGE + "</li>",
        "<td>NRR, 12 months</td><td align=\"right\">104.2%</td><td align=\"right\">-1.5 pts</td>"
            + "<td align=\"right\">n/a (n = 4)</td>", WARNING).doesNotContain("<B2B ENT>");

    BodyPart pdf = mixed.getBodyPart(1);
    assertThat(pdf.getContentType()).startsWith("application/pdf");
    assertThat(pdf.getFileName()).isEqualTo("report.pdf");
    assertThat(pdf.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
    assertThat(pdf.getDisposition()).isEqualTo("attachment");
    assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(report));

    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.get("channel").asText()).isEqualTo("email");
      assertThat(r.get("outcome").asText()).isEqualTo("warning");
      assertThat(r.get("status").asText()).isEqualTo("sent");
      assertThat(r.get("attempt").asInt()).isEqualTo(1);
      assertThat(r.get("error").isNull()).isTrue();
    });
    assertThat(warnings).isEmpty();
  }

  @Test
  void withoutAttachPdfOrOverTenMegabytesTheMailGivesThePathOnly() throws Exception {
    notifier(smtp(mail.getSmtp().getPort(), ", starttls: false, attach_pdf: false"), Map.of(), FAST).send(published(), out(), false);
    Files.write(report, new byte[(int) EmailChannel.MAX_ATTACHMENT_BYTES + 1]);
    notifier(smtp(mail.getSmtp().getPort(), ", starttls: false"), Map.of(), FAST).send(published(), out(), false);

    // GreenMail lists the received copies mailbox by mailbox: the first recipient's two come first.
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(4);
    assertThat(received[0].getContentType()).startsWith("multipart/alternative");
    assertThat(text(received[0])).endsWith("Report: " + report + "\n");
    assertThat(received[1].getContentType()).startsWith("multipart/alternative");
    assertThat(text(received[1])).endsWith("Report: " + report + " (too large to attach)\n");
  }

  private static String text(MimeMessage m) throws Exception {
    return ((String) ((Multipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
  }

  @Test
  void aRefusedRunSendsItsReasonAndWhereItsRunJsonIs() throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.accepting("/hook")) {
      notifier(smtp(mail.getSmtp().getPort(), ", starttls: false") + "\nwebhook: {format: json}",
          Map.of("SALESLIFT_WEBHOOK_URL", hook.url("/hook")), FAST).send(refused(), out(), false);

      MimeMessage m = mail.getReceivedMessages()[0];
      assertThat(m.getSubject()).isEqualTo("SalesLift 2024-06-30: refused");
      assertThat(m.getContentType()).startsWith("multipart/alternative");
      assertThat(text(m)).isEqualTo(String.join("\n",
          "Nightly run, run date 2024-06-30: refused. Nothing was published; the runs published before stay as they were.",
          "",
          "Reason: input refused: usage_events.csv: missing column 'event_time'",
          "Its run.json and rejects: " + dir.resolve("out/_failed/2024-06-30-x"),
          ""));
      JsonNode body = JSON.readTree(hook.bodies().get(0));
      assertThat(body.get("status").asText()).isEqualTo("refused");
      assertThat(body.get("message").asText()).isEqualTo("input refused: usage_events.csv: missing column 'event_time'");
      assertThat(body.get("failed_folder").asText()).isEqualTo(dir.resolve("out/_failed/2024-06-30-x").toString());
      assertThat(body.get("report").isNull()).isTrue();
      assertThat(body.get("headline")).isEmpty();
    }
  }

  @Test
  void theJsonWebhookCarriesTheSummaryAsTheSpecLaysItOut() throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.accepting("/hook")) {
      List<Notifier.Delivery> sent = notifier("webhook: {format: json}", Map.of("SALESLIFT_WEBHOOK_URL", hook.url("/hook")), FAST)
          .send(published(), out(), false);

      assertThat(sent).containsExactly(new Notifier.Delivery("webhook", "127.0.0.1", true, 1, null));
      assertThat(hook.contentTypes()).containsExactly("application/json; charset=utf-8");
      assertThat(JSON.readTree(hook.bodies().get(0))).isEqualTo(JSON.readTree("""
          {"run_id": "2024-06-30", "run_date": "2024-06-30", "status": "published_with_warnings",
           "warnings": ["%s"],
           "headline": [
             {"figure": "Current MRR", "now": "USD 12,345", "vs_previous": "+USD 1,200", "vs_year_before": "n/a"},
             {"figure": "NRR, 12 months", "now": "104.2%%", "vs_previous": "-1.5 pts", "vs_year_before": "n/a (n = 4)"}],
           "changes_since": "Since 2024-06-23", "changes": ["%s"],
           "findings": ["%s"],
           "report": "%s", "message": null, "failed_folder": null}
          """.formatted(WARNING, CHANGE, FINDING, report)));
    }
  }

  @Test
  void theSlackWebhookCarriesTheSameContentAsTextAndBlocks() throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.accepting("/services/T0/B0/abc")) {
      notifier("webhook: {url_env: CHAT_HOOK}", Map.of("CHAT_HOOK", hook.url("/services/T0/B0/abc")), FAST)
          .send(published(), out(), false);

      JsonNode body = JSON.readTree(hook.bodies().get(0));
      assertThat(body.get("text").asText()).isEqualTo(
          "SalesLift 2024-06-30: published with warnings. Nightly run, run date 2024-06-30: published with warnings.");
      JsonNode blocks = body.get("blocks");
      assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
      assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("SalesLift 2024-06-30: published with warnings");
      assertThat(blocks.get(2).get("text").get("text").asText()).isEqualTo(":warning: *Data warnings*\n\u2022 " + WARNING);
      assertThat(blocks.get(3).get("text").get("text").asText()).isEqualTo("*Headline figures*"
          + "\n*Current MRR:* USD 12,345 (+USD 1,200 vs previous run, n/a vs a year before)"
          + "\n*NRR, 12 months:* 104.2% (-1.5 pts vs previous run, n/a (n = 4) vs a year before)");
      assertThat(blocks.get(4).get("text").get("text").asText()).isEqualTo("*Since 2024-06-23*\n\u2022 " + CHANGE);
      assertThat(blocks.get(5).get("text").get("text").asText())
          .isEqualTo("*Findings*\n\u2022 Calls &amp; demos lift &lt;B2B ENT&gt; activation by 12 pts.");
      assertThat(blocks.get(6).get("type").asText()).isEqualTo("context");
    }
  }

  @Test
  void aServerErrorIsTriedAgainUntilItIsTaken() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver("/hook", n -> n < 3 ? 500 + n : 200)) {
      List<Notifier.Delivery> sent = notifier("webhook: {format: json}", Map.of("SALESLIFT_WEBHOOK_URL", hook.url("/hook")), FAST)
          .send(published(), out(), false);

      assertThat(sent).singleElement().satisfies(d -> {
        assertThat(d.sent()).isTrue();
        assertThat(d.attempts()).isEqualTo(3);
      });
      assertThat(hook.requests()).isEqualTo(3);
      assertThat(records()).extracting(r -> r.get("attempt").asInt() + " " + r.get("status").asText() + " " + r.get("error").asText())
          // The URL's path is the secret of most webhooks: an answer that quotes it is recorded without it.
          .containsExactly("1 failed HTTP 501: no such hook at [secret]", "2 failed HTTP 502: no such hook at [secret]", "3 sent null");
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void aClientErrorIsNotTriedAgainAndTheUrlIsNeverPrinted() throws Exception {
    String secretPath = "/services/T0/B0/s3cr3t-t0ken";
    try (WebhookReceiver hook = new WebhookReceiver("/", n -> 404)) {
      List<Notifier.Delivery> sent = notifier("webhook: {format: slack}", Map.of("SALESLIFT_WEBHOOK_URL", hook.url(secretPath)), FAST)
          .send(published(), out(), false);

      assertThat(hook.requests()).isEqualTo(1);
      assertThat(sent).singleElement().satisfies(d -> {
        assertThat(d.sent()).isFalse();
        assertThat(d.error()).isEqualTo("HTTP 404: no such hook at [secret]");
      });
      assertThat(warnings).containsExactly("saleslift: warning: the webhook notification to 127.0.0.1 was not sent after 1 try: "
          + "HTTP 404: no such hook at [secret] (see " + out().resolve("_notify/2024-06-30.jsonl") + ")");
      assertThat(Files.readString(out().resolve("_notify/2024-06-30.jsonl"))).doesNotContain("s3cr3t").contains("[secret]");
    }
  }

  @Test
  void aWebhookThatNeverAnswersIsCutOffByTheReadTimeout() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver("/hook", n -> 0)) {
      List<Notifier.Delivery> sent = notifier("webhook: {format: json}", Map.of("SALESLIFT_WEBHOOK_URL", hook.url("/hook")),
          IMPATIENT).send(published(), out(), false);

      assertThat(sent).singleElement().satisfies(d -> {
        assertThat(d.sent()).isFalse();
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.error()).isEqualTo("HttpTimeoutException: request timed out");
      });
      assertThat(warnings).hasSize(1);
    }
  }

  @Test
  void anSmtpServerThatNeverGreetsIsCutOffByTheReadTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread accepter = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (java.io.IOException closed) {
          // The test is over.
        }
      });
      accepter.setDaemon(true);
      accepter.start();
      List<Notifier.Delivery> sent = notifier(smtp(silent.getLocalPort(), ", starttls: false"), Map.of(), IMPATIENT)
          .send(published(), out(), false);

      assertThat(sent).singleElement().satisfies(d -> {
        assertThat(d.sent()).isFalse();
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.error()).contains("Read timed out");
      });
      assertThat(held).hasSize(3);
    }
  }

  @Test
  void anUnreachableServerIsTriedThreeTimesAndOnlyWarns() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    List<Notifier.Delivery> sent = notifier(smtp(closed, ", starttls: false"), Map.of(), FAST).send(published(), out(), false);

    assertThat(sent).singleElement().satisfies(d -> {
      assertThat(d.sent()).isFalse();
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(d.error()).startsWith("MailConnectException: Couldn't connect to host, port: 127.0.0.1, " + closed)
          .endsWith("(Connection refused)");
    });
    assertThat(records()).extracting(r -> r.get("status").asText()).containsExactly("failed", "failed", "failed");
    assertThat(warnings).singleElement().asString().startsWith("saleslift: warning: the email notification to 127.0.0.1:" + closed
        + " was not sent after 3 tries: MailConnectException");
  }

  /** A STARTTLS server (SubEtha SMTP) that takes mail only over TLS and from a logged-in user. */
  private static SMTPServer starttlsServer(TlsKeys keys, List<String> logins, List<byte[]> arrived) throws Exception {
    SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
        .startTlsSocketFactory(keys.server()).requireTLS().requireAuth()
        .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
          if (!user.equals("saleslift") || !password.equals("right-password")) {
            throw new LoginFailedException();
          }
          logins.add(user);
        }))
        .messageHandler((context, from, to, data) -> arrived.add(data)).build();
    server.start();
    return server;
  }

  private static Properties trusting(TlsKeys keys) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.ssl.socketFactory", keys.client().getSocketFactory());
    return p;
  }

  @Test
  void starttlsUpgradesBeforeTheCredentialsGoAndTheCertificateMustBeTrustedAndMatch() throws Exception {
    TlsKeys keys = TlsKeys.forLoopback(dir);
    TlsKeys otherName = TlsKeys.forName(dir, "dns:other.example");
    List<String> logins = new CopyOnWriteArrayList<>();
    List<byte[]> arrived = new CopyOnWriteArrayList<>();
    Map<String, String> env = Map.of("SALESLIFT_SMTP_PASSWORD", "right-password");
    SMTPServer server = starttlsServer(keys, logins, arrived);
    SMTPServer misnamed = starttlsServer(otherName, logins, arrived);
    try {
      SalesLiftConfig.Notify settings = settings(smtp(server.getPortAllocated(), ", username: saleslift"));
      List<Notifier.Delivery> sent = new Notifier(settings, env::get, FAST, warnings::add, trusting(keys)).send(published(), out(), false);
      assertThat(sent).singleElement().satisfies(d -> assertThat(d.sent()).as(d.error()).isTrue());
      assertThat(logins).containsExactly("saleslift");
      assertThat(arrived).hasSize(1); // one message for both recipients
      assertThat(new MimeMessage(null, new ByteArrayInputStream(arrived.get(0))).getSubject())
          .isEqualTo("SalesLift 2024-06-30: published with warnings");

      // Without trusting the server's certificate nothing is sent, credentials included.
      List<Notifier.Delivery> untrusted = new Notifier(settings, env::get, FAST, warnings::add).send(published(), out(), false);
      assertThat(untrusted).singleElement().satisfies(d -> {
        assertThat(d.sent()).isFalse();
        assertThat(d.error()).isEqualTo(
            "MessagingException: Could not convert socket to TLS (unable to find valid certification path to requested target)");
      });
      // Nor with a trusted certificate made out to another name.
      SalesLiftConfig.Notify toMisnamed = settings(smtp(misnamed.getPortAllocated(), ", username: saleslift"));
      List<Notifier.Delivery> wrongName = new Notifier(toMisnamed, env::get, FAST, warnings::add, trusting(otherName))
          .send(published(), out(), false);
      assertThat(wrongName).singleElement().satisfies(d -> {
        assertThat(d.sent()).isFalse();
        assertThat(d.error()).contains("No subject alternative names matching IP address 127.0.0.1");
      });
      assertThat(logins).hasSize(1);
      assertThat(arrived).hasSize(1);
    } finally {
      server.stop();
      misnamed.stop();
    }

    // A server that offers no STARTTLS (GreenMail's plain port) gets nothing either.
    List<Notifier.Delivery> plain = notifier(smtp(mail.getSmtp().getPort(), ", username: saleslift"), env, FAST)
        .send(published(), out(), false);
    assertThat(plain).singleElement().satisfies(d -> {
      assertThat(d.sent()).isFalse();
      assertThat(d.error()).contains("STARTTLS is required but host does not support STARTTLS");
    });
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aMissingOrRefusedPasswordIsNotTriedAgainAndNeverPrinted() throws Exception {
    String settings = smtp(mail.getSmtp().getPort(), ", starttls: false, username: saleslift");
    List<Notifier.Delivery> unset = notifier(settings, Map.of(), FAST).send(published(), out(), false);
    assertThat(unset).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.error()).isEqualTo("the environment variable SALESLIFT_SMTP_PASSWORD (the SMTP password of saleslift) is not set");
    });

    List<Notifier.Delivery> wrong = notifier(settings, Map.of("SALESLIFT_SMTP_PASSWORD", "wr0ng-passw0rd"), FAST)
        .send(published(), out(), false);
    assertThat(wrong).singleElement().satisfies(d -> {
      assertThat(d.sent()).isFalse();
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.error()).isEqualTo("the SMTP server refused the credentials of saleslift");
    });
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(String.join("\n", warnings) + Files.readString(out().resolve("_notify/2024-06-30.jsonl"))).doesNotContain("wr0ng");
  }

  @Test
  void onlyTheOutcomesListedAreSentUnlessAskedForAll() throws Exception {
    Notifier onFailure = notifier(smtp(mail.getSmtp().getPort(), ", starttls: false") + "\non: [failure]", Map.of(), FAST);
    assertThat(onFailure.send(published(), out(), false)).isEmpty();
    assertThat(mail.getReceivedMessages()).isEmpty();
    assertThat(out().resolve("_notify")).doesNotExist();

    assertThat(onFailure.send(refused(), out(), false)).hasSize(1);
    assertThat(onFailure.send(published(), out(), true)).hasSize(1);
    // One copy per recipient.
    assertThat(mail.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
        "SalesLift 2024-06-30: refused", "SalesLift 2024-06-30: refused",
        "SalesLift 2024-06-30: published with warnings", "SalesLift 2024-06-30: published with warnings");
  }
}

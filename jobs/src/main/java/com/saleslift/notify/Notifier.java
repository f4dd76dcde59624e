package com.saleslift.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.saleslift.config.SalesLiftConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends a run's notice to each configured channel whose outcome `notify.on` lists, trying each
 * up to {@link DeliveryPolicy#tries()} times. A notification never fails a run: what could not be
 * sent is one warning line and a record in `_notify`, and the result is kept as a value. Secrets
 * (the SMTP password, the webhook URL) are read from the environment only here, and are replaced
 * by "[secret]" in every line printed or recorded.
 */
public final class Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String REDACTED = "[secret]";

  /** How one channel went: sent, or not, after how many tries, and the last error (secrets removed). */
  public record Delivery(String channel, String target, boolean sent, int attempts, String error) {}

  private final SalesLiftConfig.Notify settings;
  private final Function<String, String> env;
  private final DeliveryPolicy policy;
  private final Consumer<String> warn;
  private final Properties mailProperties;

  /**
   * @param env the environment the secrets are read from ({@code System::getenv})
   * @param warn where the warning line of a notification that could not be sent goes (standard error)
   */
  public Notifier(SalesLiftConfig.Notify settings, Function<String, String> env, DeliveryPolicy policy, Consumer<String> warn) {
    this(settings, env, policy, warn, new Properties());
  }

  Notifier(SalesLiftConfig.Notify settings, Function<String, String> env, DeliveryPolicy policy, Consumer<String> warn,
      Properties mailProperties) {
    this.settings = settings;
    this.env = env;
    this.policy = policy;
    this.warn = warn;
    this.mailProperties = mailProperties;
  }

  /** Nobody to notify. */
  public static Notifier none() {
    return new Notifier(SalesLiftConfig.Notify.NONE, name -> null, DeliveryPolicy.DEFAULT, line -> { });
  }

  public boolean hasChannels() {
    return settings.any();
  }

  /**
   * Sends {@code notice} to every channel when {@code always} (a test of the settings), else to
   * those whose outcome is in `notify.on`; records every attempt in {@code output}'s `_notify`.
   */
  public List<Delivery> send(Notice notice, Path output, boolean always) {
    if (!always && !settings.on().contains(notice.status().outcome())) {
      return List.of();
    }
    List<Channel> channels = channels();
    List<String> secrets = channels.stream().flatMap(c -> c.secrets().stream()).filter(s -> !s.isBlank()).toList();
    List<Delivery> deliveries = new ArrayList<>();
    for (Channel channel : channels) {
      StringBuilder records = new StringBuilder();
      Delivery delivery = deliver(channel, notice, secrets, records);
      deliveries.add(delivery);
      Path log = NotifyLog.file(output, notice.runId());
      try {
        NotifyLog.append(log, records.toString());
      } catch (IOException | RuntimeException e) {
        warn.accept("saleslift: warning: cannot record the " + channel.name() + " notification in " + log + ": "
            + redact(Channel.describe(e), secrets));
      }
      if (!delivery.sent()) {
        warn.accept("saleslift: warning: the " + channel.name() + " notification to " + channel.target() + " was not sent after "
            + delivery.attempts() + (delivery.attempts() == 1 ? " try: " : " tries: ") + delivery.error() + " (see " + log + ")");
      }
    }
    return deliveries;
  }

  private Delivery deliver(Channel channel, Notice notice, List<String> secrets, StringBuilder records) {
    String error = null;
    int attempt = 0;
    while (attempt < policy.tries()) {
      attempt++;
      boolean again;
      try {
        channel.send(notice);
        records.append(record(channel, notice, attempt, null)).append('\n');
        return new Delivery(channel.name(), channel.target(), true, attempt, null);
      } catch (Channel.DeliveryException e) {
        error = redact(e.getMessage(), secrets);
        again = !e.permanent() && attempt < policy.tries();
      } catch (RuntimeException e) {
        // A bug in building the message must not end the run either; it is reported like a failed send.
        error = redact(Channel.describe(e), secrets);
        again = false;
      }
      records.append(record(channel, notice, attempt, error)).append('\n');
      if (!again || !pause(attempt)) {
        break;
      }
    }
    return new Delivery(channel.name(), channel.target(), false, attempt, error);
  }

  private boolean pause(int attempt) {
    try {
      Thread.sleep(policy.pauseAfter(attempt).toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String record(Channel channel, Notice notice, int attempt, String error) {
    ObjectNode r = JSON.createObjectNode();
    r.put("time", Instant.now().toString());
    r.put("run_id", notice.runId());
    r.put("channel", channel.name());
    r.put("target", channel.target());
    r.put("outcome", notice.status().outcome().key());
    r.put("run_status", notice.status().key());
    r.put("attempt", attempt);
    r.put("status", error == null ? "sent" : "failed");
    r.put("error", error);
    return r.toString();
  }

  private List<Channel> channels() {
    List<Channel> channels = new ArrayList<>();
    settings.email().ifPresent(e -> channels.add(new EmailChannel(e, env.apply(e.passwordEnv()), policy, mailProperties)));
    settings.webhook().ifPresent(w -> channels.add(new WebhookChannel(w.urlEnv(), env.apply(w.urlEnv()), w.format(), policy)));
    return channels;
  }

  /** The text with every secret replaced, longest first (a URL before its own path). */
  static String redact(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
      out = out.replace(secret, REDACTED);
    }
    return out;
  }
}

package com.saleslift.notify;

import com.saleslift.config.SalesLiftConfig;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The notice as an HTTP POST (the JDK's HttpClient) to the URL an environment variable holds: a
 * chat's incoming webhook holds its secret in the URL, so the URL is never printed, only its host.
 * Any 2xx answer is success; a 408, 429 or 5xx is worth another try, any other answer is not.
 */
final class WebhookChannel implements Channel {
  private final String urlEnv;
  private final String url;
  /** The URL parsed; null when it is not set or not a URI. */
  private final URI uri;
  private final SalesLiftConfig.Webhook.Format format;
  private final DeliveryPolicy policy;

  WebhookChannel(String urlEnv, String url, SalesLiftConfig.Webhook.Format format, DeliveryPolicy policy) {
    this.urlEnv = urlEnv;
    this.url = url;
    this.uri = parse(url);
    this.format = format;
    this.policy = policy;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public String target() {
    return uri == null || uri.getHost() == null ? "(" + urlEnv + ")" : uri.getHost();
  }

  @Override
  public List<String> secrets() {
    List<String> secrets = new ArrayList<>();
    if (url != null) {
      secrets.add(url);
      // An error may quote the path or the query alone (Slack's secret is the path).
      if (uri != null && uri.getRawPath() != null && uri.getRawPath().length() > 1) {
        secrets.add(uri.getRawPath());
      }
      if (uri != null && uri.getRawQuery() != null) {
        secrets.add(uri.getRawQuery());
      }
    }
    return secrets;
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    if (url == null) {
      throw new DeliveryException("the environment variable " + urlEnv + " (the webhook's URL) is not set", true);
    }
    if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
      throw new DeliveryException("the environment variable " + urlEnv + " does not hold an http or https URL", true);
    }
    String body = format == SalesLiftConfig.Webhook.Format.SLACK ? WebhookBody.slack(notice) : WebhookBody.json(notice);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(policy.connect())
        .proxy(ProxySelector.getDefault()).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(policy.read())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryException(Channel.describe(e), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", true);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String said = response.body() == null ? "" : response.body().strip().lines().findFirst().orElse("");
      throw new DeliveryException("HTTP " + status + (said.isEmpty() ? "" : ": " + (said.length() > 200 ? said.substring(0, 200) : said)),
          status != 408 && status != 429 && status < 500);
    }
  }

  private static URI parse(String url) {
    try {
      return url == null ? null : new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}

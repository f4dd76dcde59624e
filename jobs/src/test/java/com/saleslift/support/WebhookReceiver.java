package com.saleslift.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on loopback (the JDK's HttpServer): keeps every body posted to it and answers
 * each request with the status {@code answers} gives for its number (1-based); a status of 0 means
 * never answer (the request hangs until the server stops).
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

  public WebhookReceiver(String path, IntUnaryOperator answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(path, exchange -> {
      int status = answers.applyAsInt(requests.incrementAndGet());
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (status == 0) {
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] answer = (status / 100 == 2 ? "ok" : "no such hook at " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status == 0 ? 500 : status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  /** Answers 200 to everything. */
  public static WebhookReceiver accepting(String path) throws IOException {
    return new WebhookReceiver(path, n -> 200);
  }

  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  public List<String> bodies() {
    return bodies;
  }

  public List<String> contentTypes() {
    return contentTypes;
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    stopped.countDown();
    server.stop(0);
  }
}

package com.saleslift.notify;

import java.time.Duration;

/**
 * How hard a notification is tried: {@code tries} times, pausing {@code firstPause} after the
 * first failure and three times longer after each next; a server that does not connect within
 * {@code connect} or answer within {@code read} counts as a failed try, so a hung server never
 * holds the nightly for long.
 */
public record DeliveryPolicy(int tries, Duration firstPause, Duration connect, Duration read) {
  /** 3 tries, pauses of 3 s and 9 s, 10 s to connect, 30 s to answer: at most about 2 minutes per channel. */
  public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(3, Duration.ofSeconds(3), Duration.ofSeconds(10),
      Duration.ofSeconds(30));

  /** The pause after failed try {@code n} (1-based). */
  Duration pauseAfter(int n) {
    return firstPause.multipliedBy((long) Math.pow(3, n - 1));
  }
}

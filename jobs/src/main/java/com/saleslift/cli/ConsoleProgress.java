package com.saleslift.cli;

import com.saleslift.run.RunProgress;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a run is, for the person or scheduler watching it. On a terminal: one line per finished
 * stage ("validate   12.3 s"), and while a stage runs, the same line redrawn in place with a spinner
 * and the seconds so far. Elsewhere (a scheduler's log, a pipe): one plain line per finished stage
 * with a UTC time stamp, nothing redrawn.
 */
final class ConsoleProgress implements RunProgress, AutoCloseable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ISO_INSTANT;
  private static final String SPINNER = "|/-\\";
  private static final long REDRAW_MILLIS = 250;

  private final PrintWriter out;
  private final boolean terminal;
  private final ScheduledExecutorService redraws;
  private ScheduledFuture<?> redrawing;
  private String stage;
  private long startedNanos;
  private int frame;

  /** {@code terminal}: redraw a running stage's line in place (tests pass it; {@link #to} asks the console). */
  ConsoleProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.redraws = terminal ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "saleslift-progress");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Redrawn lines only when standard output is a terminal (System.console() is null under a scheduler or a pipe). */
  static ConsoleProgress to(PrintWriter out) {
    return new ConsoleProgress(out, System.console() != null);
  }

  @Override
  public synchronized void started(String name) {
    stage = name;
    startedNanos = System.nanoTime();
    if (terminal) {
      redrawing = redraws.scheduleAtFixedRate(this::redraw, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void finished(String name, BigDecimal seconds) {
    String line = stageLine(name, seconds.setScale(1, RoundingMode.HALF_UP).toPlainString() + " s");
    if (terminal) {
      redrawing.cancel(false);
      out.print("\r" + line + "   \n");
    } else {
      out.println(STAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)) + " saleslift: " + line);
    }
    stage = null;
    out.flush();
  }

  private synchronized void redraw() {
    if (stage == null) {
      return;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    out.print("\r" + stageLine(stage, SPINNER.charAt(frame++ % SPINNER.length()) + " " + seconds + " s"));
    out.flush();
  }

  /** Stage names padded so the times line up: "ingest        4.1 s". */
  private static String stageLine(String stage, String time) {
    return String.format(Locale.ROOT, "%-12s %8s", stage, time);
  }

  /** Stops redrawing; a stage that failed half-way keeps its last drawn line, ended so the error starts a new one. */
  @Override
  public synchronized void close() {
    if (terminal) {
      redraws.shutdownNow();
      if (stage != null) {
        out.println();
        out.flush();
      }
    }
  }
}

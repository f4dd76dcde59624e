package com.saleslift.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock kept in a file, so two runs on the same output do not update it at once. On the
 * driver's disk it is the operating system's lock, gone when the process dies. A Hadoop file
 * system has no such lock: there it is a file created only if absent, whose time the holder
 * renews every {@link #RENEW} while it runs; one not renewed for {@link #STALE} was left by a
 * killed run and is taken over. (On S3 a file's time cannot be renewed, so there the scheduler
 * must not start two runs on one output at once: see docs/operations.md.)
 */
public final class FileLocks {
  private static final Logger LOG = LoggerFactory.getLogger(FileLocks.class);
  static final Duration RENEW = Duration.ofSeconds(30);
  static final Duration STALE = Duration.ofMinutes(5);

  /** A lock held until closed. */
  public interface Held extends Closeable {}

  private FileLocks() {}

  /** Waits for the lock. */
  public static Held lock(Path file) throws IOException {
    if (!Storage.onHadoop(file)) {
      return osLock(file, true).orElseThrow();
    }
    try {
      Optional<Held> held;
      while ((held = tryLock(file)).isEmpty()) {
        Thread.sleep(250);
      }
      return held.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + file, e);
    }
  }

  /** The lock if no one else holds it now. */
  public static Optional<Held> tryLock(Path file) throws IOException {
    if (!Storage.onHadoop(file)) {
      return osLock(file, false);
    }
    try {
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
        out.write((ManagementFactory.getRuntimeMXBean().getName() + " " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (FileAlreadyExistsException held) {
      try {
        FileTime renewed = Files.getLastModifiedTime(file);
        if (renewed.toInstant().plus(STALE).isBefore(Instant.now())) {
          LOG.warn("{}: not renewed since {}, left by a run that stopped; taking it over", file, renewed);
          Files.deleteIfExists(file);
          return tryLock(file);
        }
      } catch (NoSuchFileException released) {
        return tryLock(file);
      }
      return Optional.empty();
    }
    return Optional.of(renewing(file));
  }

  /** The operating system's lock on a file of the driver's disk: waiting for it, or only if free now. */
  private static Optional<Held> osLock(Path file, boolean wait) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = wait ? channel.lock() : channel.tryLock();
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(() -> {
      lock.release();
      channel.close();
    });
  }

  private static Held renewing(Path file) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lock " + file.getFileName());
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> {
      try {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      } catch (IOException | RuntimeException e) {
        LOG.warn("{}: could not renew the lock: {}", file, e.toString());
      }
    }, RENEW.toMillis(), RENEW.toMillis(), TimeUnit.MILLISECONDS);
    return () -> {
      timer.shutdownNow();
      Files.deleteIfExists(file);
    };
  }
}

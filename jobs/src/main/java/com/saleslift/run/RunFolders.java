package com.saleslift.run;

import com.saleslift.storage.FileLocks;
import com.saleslift.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder's publishing rules (docs/operations.md): a run is built in a staging folder beside
 * its final place and renamed in whole; an existing folder of the same run id is moved aside
 * first and restored if the swap does not finish; one run per run id at a time (a file lock,
 * the second run waits); the next run removes what a killed run left.
 */
public final class RunFolders implements AutoCloseable {
  static final String STAGING = ".staging-";
  static final String PREVIOUS = ".previous-";
  static final String LATEST = "latest";

  private final Path output;
  private final String runId;
  private final FileLocks.Held lock;

  /** A run id that cannot be locked in time: another run of it is still going. */
  public static final class LockTimeoutException extends IOException {
    LockTimeoutException(String message) {
      super(message);
    }
  }

  private RunFolders(Path output, String runId, FileLocks.Held lock) {
    this.output = output;
    this.runId = runId;
    this.lock = lock;
  }

  /** Takes the run id's lock, waiting up to {@code wait} for a run of the same id to finish. */
  public static RunFolders open(Path output, String runId, Duration wait) throws IOException {
    Files.createDirectories(output);
    Optional<FileLocks.Held> lock;
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while ((lock = FileLocks.tryLock(output.resolve(".lock-" + runId))).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new LockTimeoutException("another run of " + runId + " still holds " + output.resolve(".lock-" + runId)
              + " after " + wait.toSeconds() + " s; nothing was published");
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the lock of " + runId, e);
    }
    return new RunFolders(output, runId, lock.get());
  }

  public Path output() {
    return output;
  }

  /** Removes what a killed run of this id left; restores a folder moved aside by an unfinished swap. */
  public void cleanLeftovers() throws IOException {
    Path target = output.resolve(runId);
    for (Path leftover : siblings(STAGING + runId + "-")) {
      Storage.deleteTree(leftover);
    }
    for (Path previous : siblings(PREVIOUS + runId + "-")) {
      if (!Files.exists(target)) {
        Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Storage.deleteTree(previous);
      }
    }
  }

  public Path newStaging() throws IOException {
    return Files.createDirectory(output.resolve(STAGING + runId + "-" + UUID.randomUUID()));
  }

  /** Renames the staging folder into place; the folder appears whole or not at all. */
  public Path publish(Path staging) throws IOException {
    Path target = output.resolve(runId);
    Path aside = null;
    if (Files.exists(target)) {
      aside = output.resolve(PREVIOUS + runId + "-" + UUID.randomUUID());
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (aside != null) {
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (aside != null) {
      Storage.deleteTree(aside);
    }
    return target;
  }

  /** `latest` names the nightly run with the newest run date; written whole, by rename. */
  public void updateLatest(LocalDate runDate) throws IOException {
    Path latest = output.resolve(LATEST);
    try (FileLocks.Held ignored = FileLocks.lock(output.resolve(".lock-latest"))) {
      Optional<LocalDate> current = Files.isRegularFile(latest)
          ? parseDate(Files.readString(latest, StandardCharsets.UTF_8).strip()) : Optional.empty();
      if (current.isPresent() && current.get().isAfter(runDate)) {
        return;
      }
      Storage.replace(latest, out -> out.write((runDate + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Where a refused or failed run leaves its run.json and rejects for a person to read. */
  public Path failedFolder(String startStamp) throws IOException {
    return Files.createDirectories(output.resolve("_failed").resolve(runId + "-" + startStamp));
  }

  /** The run date a nightly run id (or `latest`) names, if it names one. */
  static Optional<LocalDate> parseDate(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private List<Path> siblings(String prefix) throws IOException {
    try (Stream<Path> all = Files.list(output)) {
      return all.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  @Override
  public void close() throws IOException {
    lock.close();
  }
}

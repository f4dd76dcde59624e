package com.saleslift.run;

import com.saleslift.report.ReportData;
import com.saleslift.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * `report --run DIR`: draws a published run's charts and PDF again from its metric tables and
 * run.json, without Spark. The run is copied to a staging folder, drawn there, and published by
 * the same rename as a run, under the same lock: a reader sees the old folder or the new one,
 * and a killed re-render is cleaned up by the next run of that id.
 */
public final class ReportRerun {
  private static final List<String> DRAWN = List.of("charts", "report.pdf", "report.html");

  private ReportRerun() {}

  public static Path rerender(Path run, Duration lockWait) throws IOException {
    Path folder = run.toAbsolutePath().normalize();
    try (RunFolders folders = RunFolders.open(folder.getParent(), folder.getFileName().toString(), lockWait)) {
      folders.cleanLeftovers();
      ReportData data = PublishedRun.reportData(folder);
      Path staging = folders.newStaging();
      try {
        copyExceptDrawn(folder, staging);
        MetricsRun.render(data, staging);
        return folders.publish(staging);
      } catch (IOException | RuntimeException e) {
        Storage.deleteTree(staging);
        throw e;
      }
    }
  }

  private static void copyExceptDrawn(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path relative = from.relativize(p);
        if (relative.toString().isEmpty() || DRAWN.contains(relative.getName(0).toString())) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}

package com.saleslift.notify;

import com.saleslift.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * `<output>/_notify/<run-id>.jsonl`: one JSON object per attempt to notify, appended, beside
 * the run folders and never inside one (a published folder is not touched after publishing).
 */
final class NotifyLog {
  static final String FOLDER = "_notify";

  private NotifyLog() {}

  static Path file(Path output, String runId) {
    return output.resolve(FOLDER).resolve(runId + ".jsonl");
  }

  static void append(Path file, String lines) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (UnsupportedOperationException e) {
      // HDFS and object stores do not append: the small file is written again whole.
      byte[] before = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      Storage.replace(file, out -> {
        out.write(before);
        out.write(bytes);
      });
    }
  }
}

package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.saleslift.config.ConfigException;
import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.InputRefusedException;
import com.saleslift.notify.Notice;
import com.saleslift.notify.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * `notify --run DIR`: sends the notice of a run that already ended again, to every configured
 * channel whatever `notify.on` says (it is how the settings are tried): a published run's
 * executive summary, or the reason a `_failed/` folder recorded.
 */
public final class RunNotification {
  private RunNotification() {}

  /** The configuration a run recorded it was read from, when none is given. */
  public static SalesLiftConfig config(Path run, Optional<Path> given) throws IOException {
    if (given.isPresent()) {
      return ConfigLoader.resolve(given, run);
    }
    JsonNode manifest = manifest(run);
    String file = manifest.path("config_file").asText(null);
    if (file == null) {
      throw new ConfigException(run.resolve("run.json") + ": the run used the built-in defaults, which notify nobody: give --config FILE");
    }
    return ConfigLoader.resolve(Optional.of(Path.of(file)), run);
  }

  public static List<Notifier.Delivery> resend(Path run, Notifier notifier) throws IOException {
    if (!notifier.hasChannels()) {
      throw new ConfigException("the configuration has no notify.email or notify.webhook: nobody to notify");
    }
    Path folder = run.toAbsolutePath().normalize();
    JsonNode manifest = manifest(folder);
    String status = manifest.path("status").asText();
    Path output = folder.getParent();
    Notice notice;
    if (status.equals(RunManifest.Status.SUCCEEDED.name())) {
      notice = Notice.published(PublishedRun.reportData(folder), folder);
    } else {
      // run.json keeps the failure's message; its kind follows from the status.
      FailureReason.Kind kind = status.equals(RunManifest.Status.REFUSED.name())
          ? FailureReason.Kind.INPUT_REFUSED : FailureReason.Kind.INTERNAL;
      String runId = manifest.path("run_id").asText();
      String date = manifest.path("run_date").asText(null);
      notice = Notice.failed(runId, PublishedRun.isNightly(runId) ? MetricsRun.NIGHTLY : "Ad-hoc run " + runId,
          date == null ? null : LocalDate.parse(date),
          kind == FailureReason.Kind.INPUT_REFUSED ? Notice.Status.REFUSED : Notice.Status.FAILED,
          kind.words() + ": " + manifest.path("message").asText(), Optional.of(folder));
      // A failed run's folder is <output>/_failed/<run-id>-<time>.
      output = folder.getParent().getParent();
    }
    return notifier.send(notice, output, true);
  }

  private static JsonNode manifest(Path run) throws IOException {
    return PublishedRun.manifest(run).orElseThrow(() -> new InputRefusedException(run + " is not a run folder: no run.json"));
  }
}

package com.saleslift.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.config.SalesLiftConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An ad-hoc run is every table of a nightly run on the last day of its window, cut to the window.
 * When that nightly is published in the same output folder, computed from the same input (its
 * {@link InputFingerprint}) with the same configuration, its tables are the ones the ad-hoc run
 * would compute, so they are cut from there without starting Spark. Anything that does not match,
 * or cannot be read, means the ad-hoc run computes its tables as usual: slower, never different.
 */
final class AdhocCut {
  /** Numbers read as the configuration wrote them (0.01 stays a decimal), so equal settings compare equal. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private AdhocCut() {}

  /** The nightly run folder that holds this ad-hoc run's tables, with its run.json; empty if none does. */
  static Optional<Nightly> nightlyFor(Path output, LocalDate runDate, Path input, SalesLiftConfig config) {
    Path nightly = output.resolve(runDate.toString());
    try {
      Optional<JsonNode> manifest = PublishedRun.manifest(nightly);
      if (manifest.isEmpty() || !"SUCCEEDED".equals(manifest.get().path("status").asText())
          || !runDate.toString().equals(manifest.get().path("run_date").asText())
          || !Files.isDirectory(nightly.resolve("metrics"))) {
        return Optional.empty();
      }
      JsonNode run = manifest.get();
      Optional<String> fingerprint = InputFingerprint.of(input);
      boolean sameInput = fingerprint.isPresent() && fingerprint.get().equals(run.path("input_fingerprint").asText(null));
      boolean sameConfig = JSON.readTree(JSON.writeValueAsString(config.asMap())).equals(
          JSON.readTree(JSON.writeValueAsString(run.path("configuration"))));
      return sameInput && sameConfig ? Optional.of(new Nightly(nightly, run)) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** A published nightly run folder and its run.json. */
  record Nightly(Path folder, JsonNode manifest) {}
}

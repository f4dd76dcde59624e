package com.saleslift.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * `saleslift history --import DIR`: the nightly run folders already published under DIR (their
 * `metrics/*.csv` and run.json) added to a run history, so a team's past runs count from the
 * first comparison. A date the history already holds is kept as it is.
 */
public final class HistoryImport {
  /** What happened to one folder: added, kept (its date was there), or passed over and why. */
  public record Outcome(Path folder, String what) {}

  private HistoryImport() {}

  public static List<Outcome> from(Path dir, RunHistory history) throws IOException {
    Set<LocalDate> present = history.runs().keySet();
    List<Path> folders;
    try (Stream<Path> list = Files.list(dir)) {
      folders = list.filter(p -> RunFolders.parseDate(p.getFileName().toString()).isPresent()).sorted().toList();
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Path folder : folders) {
      outcomes.add(add(folder, history, present));
    }
    return outcomes;
  }

  private static Outcome add(Path folder, RunHistory history, Set<LocalDate> present) {
    try {
      Optional<JsonNode> manifest = PublishedRun.manifest(folder);
      if (manifest.isEmpty() || !"SUCCEEDED".equals(manifest.get().path("status").asText())) {
        return new Outcome(folder, "passed over: not a published run (no run.json with status SUCCEEDED)");
      }
      RunHistory.Entry entry = RunHistory.Entry.of(manifest.get(), List.of());
      if (present.contains(entry.runDate())) {
        return new Outcome(folder, "kept: " + entry.runDate() + " is already in the history");
      }
      Map<String, ResultTable> tables = PublishedRun.tables(folder);
      history.append(entry, tables, null);
      return new Outcome(folder, "added " + entry.runDate() + " (" + tables.size() + " tables)");
    } catch (IOException | RuntimeException e) {
      return new Outcome(folder, "passed over: " + e.getMessage());
    }
  }
}

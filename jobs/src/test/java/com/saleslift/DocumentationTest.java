package com.saleslift;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnSpec;
import com.saleslift.metrics.CoreMetrics;
import com.saleslift.metrics.MetricTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation says what the code does: the report's Definitions page and docs/metrics.md
 * carry the same lines, every table's columns there are the ones the job writes, and the README
 * and docs/ link only to files of this repository (a user's clone has nothing beside it).
 */
class DocumentationTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  private static String read(String file) throws IOException {
    return Files.readString(REPO.resolve(file));
  }

  @Test
  void theReportsDefinitionsAreTheDocsWordForWord() throws IOException {
    String docs = read("docs/metrics.md");
    List<String> lines = Files.readAllLines(REPO.resolve("jobs/src/main/resources/com/saleslift/report/definitions.txt"));
    List<String> definitions = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertThat(definitions).hasSizeGreaterThan(20);
    for (String line : definitions) {
      int colon = line.indexOf(": ");
      assertThat(docs).contains("- **" + line.substring(0, colon) + "**: " + line.substring(colon + 2) + "\n");
    }
    String section = docs.substring(docs.indexOf("## Definitions"));
    assertThat(section.lines().filter(l -> l.startsWith("- **"))).hasSameSizeAs(definitions);
  }

  /** How docs/inputs.md marks the canonical tables it lists as the code declares them. */
  static final String CONTRACT_START = "<!-- canonical tables: generated from CanonicalTable by DocumentationTest -->\n";
  static final String CONTRACT_END = "<!-- end of canonical tables -->";

  /**
   * Every canonical table with its columns, types, required flags, allowed values, key, as-of
   * column and references, rendered from {@link CanonicalTable}: docs/inputs.md carries exactly
   * this, so the documented contract cannot drift from what the job reads. On a change, the
   * expected text is in target/canonical-tables.txt to paste.
   */
  @Test
  void theCanonicalTablesAreDocumentedAsTheJobReadsThem() throws IOException {
    String expected = CONTRACT_START + contract() + CONTRACT_END;
    Files.writeString(Path.of("target/canonical-tables.txt"), expected);
    String docs = read("docs/inputs.md");
    int start = docs.indexOf(CONTRACT_START);
    assertThat(start).as("docs/inputs.md marks its canonical tables").isNotNegative();
    assertThat(docs.substring(start, docs.indexOf(CONTRACT_END) + CONTRACT_END.length())).isEqualTo(expected);
  }

  private static String contract() {
    StringBuilder md = new StringBuilder();
    for (CanonicalTable table : CanonicalTable.values()) {
      md.append("### ").append(table.tableName()).append(table.requiredTable() ? " (required)" : " (optional)").append("\n\n");
      md.append("Key: `").append(String.join("`, `", table.key())).append("`. ");
      md.append(table.asOfColumn().map(c -> "Dated by `" + c + "`: a row dated after the run date waits as future.")
          .orElse("Never future.")).append("\n\n");
      md.append("| column | required | type | notes |\n|---|---|---|---|\n");
      for (ColumnSpec c : table.columns()) {
        List<String> notes = new ArrayList<>();
        if (c.references() != null) {
          notes.add("a key of `" + c.references() + "`");
        }
        c.pairing().ifPresent(p -> notes.add(switch (p.rule()) {
          case AFTER -> "after `" + p.other() + "`";
          case ONLY_WITH -> "true only when `" + p.other() + "` is true";
          case REQUIRED_WITH -> "required when `" + p.other() + "` is true";
        }));
        if (c.versions()) {
          notes.add("orders re-exported versions: the newest is kept");
        }
        md.append("| `").append(c.name()).append("` | ").append(c.required() ? "yes" : "no").append(" | ")
            .append(typeWords(c)).append(" | ").append(String.join("; ", notes)).append(" |\n");
      }
      md.append("\n");
    }
    return md.toString();
  }

  private static String typeWords(ColumnSpec c) {
    return switch (c.type()) {
      case STRING -> "text";
      case UPPER_STRING -> "text, stored upper-cased";
      case ENUM -> "one of " + String.join(", ", new java.util.TreeSet<>(c.enumValues()).stream().map(v -> "`" + v + "`").toList())
          + " (any case)";
      case COUNT -> "whole number ≥ 0";
      case MONEY -> "decimal ≥ 0, major units (`12.50`)";
      case POSITIVE_DECIMAL -> "decimal > 0";
      case BOOLEAN -> "`true`/`false` (also `1`/`0`, `yes`/`no`)";
      case TIMESTAMP -> "timestamp: ISO-8601 (`2024-03-01T09:30:00Z`, `+01:00`, `+0100`, a space for `T`); without an offset, in `source_timezone`; a date alone is its midnight";
      case DATE -> "date `YYYY-MM-DD`";
      case CURRENCY -> "ISO 4217 code; empty = the base currency";
    };
  }

  /** Every class architecture.md names (`metrics/MrrMovements`) is a source file of the job. */
  @Test
  void everyClassTheArchitectureNamesExists() throws IOException {
    Matcher m = Pattern.compile("`(\\w+)/([A-Z]\\w+)`").matcher(read("docs/architecture.md"));
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group(1) + "/" + m.group(2));
    }
    assertThat(named).hasSizeGreaterThan(30).allSatisfy(c -> assertThat(REPO.resolve("jobs/src/main/java/com/saleslift/" + c + ".java"))
        .isRegularFile());
  }

  /** A comment that sends a reader to a page sends them to one this repository has. */
  @Test
  void everyPageTheCodeCitesExists() throws IOException {
    Pattern cited = Pattern.compile("\\b(docs/[\\w-]+\\.md|README\\.md)\\b");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.walk(REPO.resolve("jobs/src")), Files.walk(REPO.resolve("dist/src")))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = cited.matcher(Files.readString(file));
        while (m.find()) {
          if (!Files.isRegularFile(REPO.resolve(m.group(1)))) {
            missing.add(REPO.relativize(file) + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyTablesColumnsAreDocumentedAsWritten() throws IOException {
    String docs = read("docs/metrics.md");
    for (MetricTable table : CoreMetrics.TABLES) {
      assertThat(docs).as(table.name()).contains("### " + table.name() + "\n")
          .contains("`" + String.join(", ", table.columnNames()) + "`");
    }
  }

  @Test
  void theReadmeIsForTheFirstHourAndEveryLinkStaysInTheRepository() throws IOException {
    assertThat(Files.readAllLines(REPO.resolve("README.md"))).hasSizeLessThanOrEqualTo(300);
    List<Path> pages = new ArrayList<>(List.of(REPO.resolve("README.md")));
    try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    for (Path page : pages) {
      String text = Files.readString(page);
      assertThat(text).as(page.toString()).doesNotContain("shared/spec", "../shared");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
          continue;
        }
        Path resolved = page.getParent().resolve(target).normalize();
        assertThat(resolved.startsWith(REPO)).as(page.getFileName() + " links outside the repository: " + target).isTrue();
        assertThat(resolved).as(page.getFileName() + " links to " + target).exists();
      }
    }
  }
}

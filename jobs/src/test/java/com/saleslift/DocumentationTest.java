package com.saleslift;

import static org.assertj.core.api.Assertions.assertThat;

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

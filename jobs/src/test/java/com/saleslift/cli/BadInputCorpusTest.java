package com.saleslift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.run.InputCheck;
import com.saleslift.run.RejectFiles;
import com.saleslift.run.RunManifest;
import com.saleslift.support.CliRun;
import com.saleslift.support.InputFolder;
import com.saleslift.support.SparkTestSession;
import com.saleslift.validate.Freshness;
import com.saleslift.validate.ValidatedInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad inputs under test resources `bad-inputs/`: each case is a small valid
 * company (`_base`) with some files replaced or deleted, and a `case.properties` saying what must
 * happen: exit 0 with the row in rejects/ and its reason, or exit 2 or 3 with one line on stderr
 * saying what and where. Never exit 1, never a stack trace.
 *
 * <p>A refusal is the process's answer (its exit code, its one line, its `_failed/run.json`), so
 * those cases run the command line. An accepted input is a question for ingest and validation
 * alone: those cases run them in this JVM, as `validate` and the nightly do, and write the rejects
 * files the nightly would publish; the whole run after validation is the end-to-end tests' subject.
 */
class BadInputCorpusTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2024, 6, 30);
  static Path corpus;

  @BeforeAll
  static void locate() throws URISyntaxException {
    corpus = Path.of(BadInputCorpusTest.class.getResource("/bad-inputs").toURI());
    SparkTestSession.get();
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = Path.of(BadInputCorpusTest.class.getResource("/bad-inputs").toURI());
    try (Stream<Path> list = Files.list(root)) {
      List<String> names = list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).sorted().toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(30);
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesTheDocumentedOutcome(String name, @TempDir Path dir) throws IOException {
    Path caseDir = corpus.resolve(name);
    Properties expected = new Properties();
    try (InputStream in = Files.newInputStream(caseDir.resolve("case.properties"))) {
      expected.load(in);
    }
    Path input = dir.resolve("in");
    InputFolder.copyTree(corpus.resolve("_base"), input);
    InputFolder.copyTree(caseDir, input);
    Files.delete(input.resolve("case.properties"));
    if (expected.containsKey("delete")) {
      Files.delete(input.resolve(expected.getProperty("delete")));
    }
    Path output = dir.resolve("out");
    if (Integer.parseInt(expected.getProperty("exit")) == ExitCodes.OK) {
      accepted(expected, input, output);
      return;
    }
    List<String> args = new ArrayList<>(List.of("nightly",
        "--input", expected.containsKey("input") ? dir.resolve(expected.getProperty("input")).toString() : input.toString(),
        "--output", output.toString()));
    if (!expected.getProperty("args", "").contains("--date")) {
      args.addAll(List.of("--date", RUN_DATE.toString()));
    }
    if (expected.containsKey("args")) {
      args.addAll(Arrays.asList(expected.getProperty("args").split(" ")));
    }
    CliRun cli = CliRun.of(args);
    int exit = cli.exit();
    String err = cli.stderr();

    assertThat(exit).as("exit code; stderr: " + err).isEqualTo(Integer.parseInt(expected.getProperty("exit")));
    assertThat(err).as("no stack trace").doesNotContain("\tat ", "Exception in");
    assertThat(cli.stderrLines()).as("one line on stderr").hasSize(1);
    assertThat(err).contains(expected.getProperty("stderr"));
    if (exit == ExitCodes.INPUT_REFUSED) {
      assertThat(refusedRunJson(output).get("status").asText()).isEqualTo("REFUSED");
    }
  }

  /**
   * An input the nightly accepts: validation refuses nothing (reject ratio, freshness), and the
   * rejects files and run.json's table counts it would publish say what the case expects.
   */
  private static void accepted(Properties expected, Path input, Path output) throws IOException {
    SalesLiftConfig config = ConfigLoader.resolve(Optional.empty(), Optional.empty(), input);
    InputCheck.Result checked = InputCheck.run(SparkTestSession::get, config, input, Optional.of(RUN_DATE));
    ValidatedInput validated = checked.validated();
    assertThat(validated.refusal(config.maxRejectRatio())).isEmpty();
    assertThat(Freshness.refusal(checked.freshness())).isEmpty();
    RejectFiles.write(output.resolve("rejects"), validated.rejects(), validated.present());
    if (expected.containsKey("reject")) {
      String[] r = expected.getProperty("reject").split(",");
      String rejects = Files.readString(output.resolve("rejects/" + r[0] + ".csv"), StandardCharsets.UTF_8);
      assertThat(rejects).contains("," + r[2] + "," + r[1] + ",");
    }
    if (expected.containsKey("no_rejects")) {
      assertThat(Files.readAllLines(output.resolve("rejects/" + expected.getProperty("no_rejects") + ".csv"))).hasSize(1);
    }
    if (expected.containsKey("rejects_contain")) {
      assertThat(Files.readString(output.resolve("rejects/accounts.csv"))).contains(expected.getProperty("rejects_contain"));
    }
    if (expected.containsKey("json")) {
      RunManifest manifest = new RunManifest(RUN_DATE.toString(), RUN_DATE, List.of(), Instant.EPOCH);
      validated.reports().values().forEach(manifest::table);
      manifest.write(output.resolve("run.json"));
      String[] kv = expected.getProperty("json").split("=");
      String[] path = kv[0].split("\\.");
      JsonNode json = new ObjectMapper().readTree(output.resolve("run.json").toFile());
      assertThat(json.get("input_tables").get(path[0]).get(path[1]).asText()).isEqualTo(kv[1]);
    }
  }

  private static JsonNode refusedRunJson(Path output) throws IOException {
    try (Stream<Path> failed = Files.list(output.resolve("_failed"))) {
      return new ObjectMapper().readTree(failed.findFirst().orElseThrow().resolve("run.json").toFile());
    }
  }
}

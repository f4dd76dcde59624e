package com.saleslift.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.support.CliRun;
import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on HDFS: an in-process HDFS (a name node and a data node on 127.0.0.1), the java.nio
 * view of it, and `nightly` reading its input from it and publishing to it, twice, against the
 * same runs on the local disk.
 */
class HdfsStorageTest {
  @TempDir
  static Path tmp;
  static MiniDFSCluster hdfs;
  static String root;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    root = hdfs.getURI().toString();
  }

  @AfterAll
  static void stopHdfs() {
    hdfs.shutdown();
  }

  @Test
  void pathsSpellTheirUriAndFollowUnixRules() {
    Path a = Storage.path(root + "/exports/usage_events");
    assertThat(a.toString()).isEqualTo(root + "/exports/usage_events");
    assertThat(a.resolve("dt=2024-01-02").resolve("part-0.csv").toString()).isEqualTo(root + "/exports/usage_events/dt=2024-01-02/part-0.csv");
    assertThat(a.getFileName().toString()).isEqualTo("usage_events");
    assertThat(a.getParent().toString()).isEqualTo(root + "/exports");
    assertThat(a.resolveSibling("reps.csv").toString()).isEqualTo(root + "/exports/reps.csv");
    assertThat(a.getParent().relativize(a.resolve("x/y.csv")).toString()).isEqualTo("usage_events/x/y.csv");
    assertThat(a.resolve("../reps.csv").normalize()).isEqualTo(Storage.path(root + "/exports/reps.csv"));
    assertThat(a.startsWith(Storage.path(root + "/exports"))).isTrue();
    assertThat(a.startsWith(Storage.path(root + "/export"))).isFalse();
    Path spaced = Storage.path(root + "/with space/a.csv");
    assertThat(spaced.toString()).isEqualTo(root + "/with space/a.csv");
    assertThat(spaced.toUri().toString()).isEqualTo(root + "/with%20space/a.csv");
    assertThat(spaced.getFileName().toString()).isEqualTo("a.csv");
    assertThat(Storage.path("file:/tmp/x")).isEqualTo(Path.of("/tmp/x"));
    assertThatThrownBy(() -> Storage.path("nosuchfs://host/x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nosuchfs");
  }

  @Test
  void filesAnswerAsJavaNioDoes() throws IOException {
    Path dir = Storage.path(root + "/nio");
    assertThat(Files.exists(dir)).isFalse();
    assertThatThrownBy(() -> Files.newOutputStream(dir.resolve("a.txt"))).isInstanceOf(NoSuchFileException.class);
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/a.txt"), "grüße\n");
    assertThat(Files.readString(dir.resolve("sub/a.txt"))).isEqualTo("grüße\n");
    assertThat(Files.size(dir.resolve("sub/a.txt"))).isEqualTo(8);
    assertThat(Files.isDirectory(dir.resolve("sub"))).isTrue();
    assertThat(Files.isRegularFile(dir.resolve("sub/a.txt"))).isTrue();
    assertThatThrownBy(() -> Files.createDirectory(dir.resolve("sub"))).isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> Files.delete(dir.resolve("sub"))).isInstanceOf(DirectoryNotEmptyException.class);
    assertThatThrownBy(() -> Files.move(dir.resolve("sub/a.txt"), dir.resolve("sub"))).isInstanceOf(FileAlreadyExistsException.class);

    Files.writeString(dir.resolve("b.txt"), "new");
    Storage.replace(dir.resolve("sub/a.txt"), out -> out.write("replaced".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(dir.resolve("sub/a.txt"))).isEqualTo("replaced");
    Files.move(dir.resolve("b.txt"), dir.resolve("sub/b.txt"), StandardCopyOption.ATOMIC_MOVE);
    try (Stream<Path> walk = Files.walk(dir)) {
      assertThat(walk.map(p -> dir.relativize(p).toString()).sorted()).containsExactly("", "sub", "sub/a.txt", "sub/b.txt");
    }
    FileTime then = FileTime.from(Instant.parse("2024-01-02T10:00:00Z"));
    Files.setLastModifiedTime(dir.resolve("sub/b.txt"), then);
    assertThat(Files.getLastModifiedTime(dir.resolve("sub/b.txt"))).isEqualTo(then);

    Storage.deleteTree(dir);
    assertThat(Files.exists(dir)).isFalse();
    assertThatThrownBy(() -> Files.readString(dir.resolve("sub/a.txt"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aLockIsHeldUntilClosedAndOneNotRenewedIsTakenOver() throws IOException {
    Path lock = Storage.path(root + "/locks/.lock");
    Files.createDirectories(lock.getParent());
    try (FileLocks.Held held = FileLocks.tryLock(lock).orElseThrow()) {
      assertThat(FileLocks.tryLock(lock)).isEmpty();
    }
    assertThat(Files.exists(lock)).isFalse();

    FileLocks.Held first = FileLocks.tryLock(lock).orElseThrow();
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(FileLocks.STALE).minusSeconds(60)));
    Optional<FileLocks.Held> second = FileLocks.tryLock(lock);
    assertThat(second).isPresent();
    second.get().close();
    first.close();
  }

  /** The generator writes a company straight onto HDFS, events one folder per day. */
  @Test
  void notificationsAreRecordedBesideRunsOnHdfsWhichCannotAppend() throws IOException {
    Path output = Storage.path(root + "/notified");
    var settings = com.saleslift.config.ConfigLoader.parse("notify: {webhook: {format: json}}", "c.yaml").notifications();
    var refused = com.saleslift.notify.Notice.failed("2024-06-30", "Nightly run", java.time.LocalDate.of(2024, 6, 30),
        com.saleslift.notify.Notice.Status.REFUSED, "input refused: x", Optional.empty());
    try (var hook = com.saleslift.support.WebhookReceiver.accepting("/")) {
      var notifier = new com.saleslift.notify.Notifier(settings, Map.of("SALESLIFT_WEBHOOK_URL", hook.url("/h"))::get,
          com.saleslift.notify.DeliveryPolicy.DEFAULT, line -> { throw new AssertionError(line); });
      notifier.send(refused, output, false);
      notifier.send(refused, output, false);
      assertThat(hook.requests()).isEqualTo(2);
    }
    List<String> records = Files.readAllLines(output.resolve("_notify/2024-06-30.jsonl"));
    assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r).contains("\"channel\":\"webhook\"", "\"status\":\"sent\""));
  }

  @Test
  void generateWritesOnHdfs() throws IOException {
    Path out = Storage.path(root + "/generated");
    CliRun run = CliRun.of("generate", "--out", out.toString(), "--accounts", "20", "--months", "1", "--events-per-account", "3",
        "--partition-events");
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(out.resolve("accounts.csv"))).hasSize(21);
    assertThat(Files.readString(out.resolve("saleslift.yaml"))).isNotBlank();
    try (Stream<Path> days = Files.list(out.resolve("usage_events"))) {
      assertThat(days.map(p -> p.getFileName().toString())).isNotEmpty().allMatch(n -> n.startsWith("dt="));
    }
  }

  /**
   * Two nights of `nightly` from and to HDFS: the second parses only the new day and builds on the
   * usage state kept on HDFS, and publishes what one run on the local disk over all the days does.
   */
  @Test
  void nightlyReadsAndPublishesOnHdfs() throws IOException {
    SparkTestSession.get();
    Path base = Path.of(System.getProperty("user.dir"), "src/test/resources/bad-inputs/_base");
    Path localIn = tmp.resolve("local/in");
    Path hdfsIn = Storage.path(root + "/exports");
    List<String> events = Files.readAllLines(base.resolve("usage_events.csv"));
    for (Path in : List.of(localIn, hdfsIn)) {
      Files.createDirectories(in.resolve("usage_events"));
      try (Stream<Path> files = Files.list(base)) {
        for (Path file : files.filter(f -> !f.getFileName().toString().equals("usage_events.csv")).toList()) {
          Files.write(in.resolve(file.getFileName().toString()), Files.readAllBytes(file));
        }
      }
    }
    // One day per event, as nightly exports arrive; the last day comes on the second night.
    for (String event : events.subList(1, events.size() - 1)) {
      dayPartition(hdfsIn, events.get(0), event);
    }
    Path hdfsOut = Storage.path(root + "/sales lift");
    JsonNode first = nightly(hdfsIn, hdfsOut, "2024-06-30");
    assertThat(first.get("input_tables").get("usage_events").get("rows_read").asInt()).isEqualTo(3);
    assertThat(first.get("parse_cache").get("usage_events").get("files_parsed").asInt()).isEqualTo(3);

    dayPartition(hdfsIn, events.get(0), events.get(events.size() - 1));
    JsonNode second = nightly(hdfsIn, hdfsOut, "2024-07-01");
    assertThat(second.get("input_tables").get("usage_events").get("rows_read").asInt()).isEqualTo(4);
    assertThat(second.get("parse_cache").get("usage_events").get("files_parsed").asInt()).isEqualTo(1);
    assertThat(second.get("parse_cache").get("usage_events").get("files_reused").asInt()).isEqualTo(3);
    assertThat(second.get("usage_rollup").asText()).startsWith("built on the usage state: 1 new file");

    for (String event : events.subList(1, events.size())) {
      dayPartition(localIn, events.get(0), event);
    }
    Path localOut = tmp.resolve("local/out");
    nightly(localIn, localOut, "2024-07-01");
    assertSamePublished(localOut.resolve("2024-07-01"), hdfsOut.resolve("2024-07-01"), localIn.toString(), hdfsIn.toString());

    assertThat(Files.readString(hdfsOut.resolve("latest")).strip()).isEqualTo("2024-07-01");
    // The run history on HDFS holds both nights, and the second night's tables read back as published.
    try (Stream<Path> runs = Files.list(hdfsOut.resolve("_history/_runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted()).containsExactly("2024-06-30.json", "2024-07-01.json");
    }
    com.saleslift.run.RunHistory history = com.saleslift.run.RunHistory.of(hdfsOut, w -> { throw new AssertionError(w); });
    assertThat(history.before(java.time.LocalDate.of(2024, 7, 2)).orElseThrow().tables().get("accounts_at_risk"))
        .isEqualTo(com.saleslift.table.ResultTableCsv.read("accounts_at_risk", localOut.resolve("2024-07-01/metrics/accounts_at_risk.csv")));
    try (InputStream pdf = Files.newInputStream(hdfsOut.resolve("2024-07-01/report.pdf"))) {
      assertThat(new String(pdf.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }
    try (Stream<Path> all = Files.walk(hdfsOut)) {
      assertThat(all.map(p -> p.getFileName().toString())).as("locks released, no staging left")
          .noneMatch(n -> n.startsWith(".lock") || n.startsWith(".staging-"));
    }
  }

  private static void dayPartition(Path in, String header, String event) throws IOException {
    String day = event.split(",")[1].substring(0, 10);
    Path folder = Files.createDirectories(in.resolve("usage_events/dt=" + day));
    Files.writeString(folder.resolve("part-0.csv"), header + "\n" + event + "\n");
  }

  private static JsonNode nightly(Path input, Path output, String date) throws IOException {
    CliRun run = CliRun.of("nightly", "--input", input.toString(), "--output", output.toString(), "--date", date);
    assertThat(run.exit()).as(run.stderr()).isZero();
    try (InputStream json = Files.newInputStream(output.resolve(date).resolve("run.json"))) {
      return new ObjectMapper().readTree(json);
    }
  }

  /** Every metric table and reject file, byte for byte (a reject names its input file as given), and the same charts. */
  private static void assertSamePublished(Path local, Path onHdfs, String localIn, String hdfsIn) throws IOException {
    Map<String, String> expected = texts(local);
    assertThat(expected.keySet()).contains("metrics/mrr_movements.csv", "rejects/accounts.csv");
    expected.replaceAll((file, text) -> text.replace(localIn, hdfsIn));
    assertThat(texts(onHdfs)).isEqualTo(expected);
    try (Stream<Path> charts = Files.list(local.resolve("charts"))) {
      for (Path chart : charts.toList()) {
        assertThat(Files.size(onHdfs.resolve("charts").resolve(chart.getFileName().toString()))).as(chart.toString()).isPositive();
      }
    }
  }

  private static Map<String, String> texts(Path run) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    for (String folder : List.of("metrics", "rejects")) {
      try (Stream<Path> files = Files.list(run.resolve(folder))) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
          texts.put(folder + "/" + file.getFileName(), Files.readString(file));
        }
      }
    }
    return texts;
  }
}

package com.saleslift.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as an operations team gets it: the archive unpacked anywhere and run in a clean
 * environment (only a Java runtime, an empty home, another working directory, through a symlink)
 * publishes the same tables as the checkout's launcher; the Debian package holds the layout,
 * conffiles, maintainer scripts and units that install it as a service.
 */
class ReleaseArchiveIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path SAMPLE = REPO.resolve("data-samples");
  private static final String VERSION = System.getProperty("saleslift.version");
  private static final String DATE = "2026-10-31";

  @TempDir
  Path dir;

  private record Ran(int exit, String output) {}

  private static Ran run(List<String> command, Path workingDir, Map<String, String> env, boolean clean)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
    if (clean) {
      builder.environment().clear();
    }
    builder.environment().putAll(env);
    Path log = Files.createTempFile("run", ".log");
    Process p = builder.redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
    return new Ran(p.exitValue(), Files.readString(log));
  }

  /** PATH with only the Java runtime's bin and the system's. */
  private static String cleanPath() {
    return Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin";
  }

  @Test
  void theUnpackedArchiveRunsTheSampleInACleanEnvironmentAsTheLauncherDoes() throws Exception {
    Path unpacked = Files.createDirectories(dir.resolve("opt"));
    assertThat(run(List.of("tar", "-xzf", System.getProperty("saleslift.archive"), "-C", unpacked.toString()), dir, Map.of(), false)
        .exit()).isZero();
    Path home = unpacked.resolve("saleslift-" + VERSION);
    assertThat(home.resolve("bin/saleslift")).isExecutable();
    assertThat(home.resolve("bin/nightly-retry")).isExecutable();
    assertThat(home.resolve("lib/saleslift.jar")).isRegularFile();
    assertThat(home.resolve("conf/saleslift.yaml.example")).isRegularFile();
    assertThat(home.resolve("README.md")).isRegularFile();
    assertThat(home.resolve("docs/metrics.md")).isRegularFile();
    assertThat(deadLinks(home)).as("links of the release's README and docs/ to files it does not ship").isEmpty();
    assertThat(home.resolve("docs/images/redraw")).as("a developer's script, not the release's").doesNotExist();
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
      assertThat(jars).anyMatch(j -> j.startsWith("spark-core_2.13-")).anyMatch(j -> j.startsWith("spark-sql_2.13-"))
          .noneMatch(j -> j.startsWith("saleslift-jobs")).noneMatch(j -> j.startsWith("picocli"));
    }
    // Reached the way /usr/bin/saleslift reaches it: through a symlink in another folder.
    Path links = Files.createDirectories(dir.resolve("links"));
    Path link = Files.createSymbolicLink(links.resolve("saleslift"), home.resolve("bin/saleslift"));
    Path emptyHome = Files.createDirectories(dir.resolve("home"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path archiveOut = dir.resolve("archive-out");
    Path launcherOut = dir.resolve("launcher-out");

    List<Ran> ran = new ArrayList<>();
    Thread archive = new Thread(() -> ran.add(runOrFail(List.of(link.toString(), "nightly", "--input", SAMPLE.toString(),
        "--output", archiveOut.toString(), "--date", DATE), elsewhere, Map.of("PATH", cleanPath(), "HOME", emptyHome.toString()), true)));
    archive.start();
    // The checkout's launcher on the jar this build made (no class-data archive: a minute to record, not the point here).
    Ran launcher = runOrFail(List.of(REPO.resolve("saleslift").toString(), "nightly", "--input", SAMPLE.toString(),
        "--output", launcherOut.toString(), "--date", DATE), REPO, Map.of("SALESLIFT_CDS", "off"), false);
    archive.join();
    Ran fromArchive = ran.get(0);
    assertThat(fromArchive.exit()).as(fromArchive.output()).isZero();
    assertThat(launcher.exit()).as(launcher.output()).isZero();
    assertThat(fromArchive.output()).contains("published " + archiveOut.resolve(DATE));
    try (Stream<Path> left = Files.list(emptyHome)) {
      assertThat(left).as("nothing written to the home folder").isEmpty();
    }

    Map<String, byte[]> fromTheArchive = csvs(archiveOut.resolve(DATE));
    Map<String, byte[]> fromTheLauncher = csvs(launcherOut.resolve(DATE));
    assertThat(fromTheArchive.keySet()).isEqualTo(fromTheLauncher.keySet()).contains("metrics/mrr_movements.csv",
        "metrics/sales_lift.csv", "metrics/accounts_to_engage.csv");
    fromTheLauncher.forEach((file, bytes) -> assertThat(fromTheArchive.get(file)).as(file).isEqualTo(bytes));
  }

  private static Ran runOrFail(List<String> command, Path workingDir, Map<String, String> env, boolean clean) {
    try {
      return run(command, workingDir, env, clean);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every metric table and reject file, by path inside the run folder. */
  private static Map<String, byte[]> csvs(Path run) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(run)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".csv")).toList()) {
        files.put(run.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void theDebianPackageInstallsTheReleaseAsADisabledServiceWithItsConfigurationKept() throws Exception {
    String deb = System.getProperty("saleslift.deb");
    Ran info = run(List.of("dpkg-deb", "--info", deb), dir, Map.of(), false);
    assertThat(info.exit()).as(info.output()).isZero();
    assertThat(info.output()).contains(" Package: saleslift", " Architecture: all", " Depends: default-jre-headless (>= 2:1.17)",
        " postinst", " prerm", " postrm", " conffiles");

    Ran contents = run(List.of("dpkg-deb", "--contents", deb), dir, Map.of(), false);
    assertThat(contents.exit()).as(contents.output()).isZero();
    Map<String, String> modes = new TreeMap<>();
    contents.output().lines().forEach(l -> {
      String[] f = l.trim().split("\\s+");
      modes.put(f[f.length - 1].replaceFirst("^\\./", "/").replaceFirst("/$", ""), f[0] + " " + f[1]);
    });
    assertThat(modes).containsEntry("/usr/bin/saleslift", "-rwxr-xr-x root/root")
        .containsEntry("/usr/share/saleslift/bin/saleslift", "-rwxr-xr-x root/root")
        .containsEntry("/usr/share/saleslift/bin/nightly-retry", "-rwxr-xr-x root/root")
        .containsEntry("/usr/share/saleslift/lib/saleslift.jar", "-rw-r--r-- root/root")
        .containsEntry("/etc/saleslift/saleslift.yaml", "-rw-r--r-- root/root")
        .containsEntry("/etc/saleslift/notify.env", "-rw------- root/root")
        .containsEntry("/lib/systemd/system/saleslift.service", "-rw-r--r-- root/root")
        .containsEntry("/lib/systemd/system/saleslift.timer", "-rw-r--r-- root/root")
        .containsEntry("/lib/systemd/system/saleslift-alert@.service", "-rw-r--r-- root/root")
        .containsKey("/usr/share/doc/saleslift/examples/saleslift.cron")
        .containsKey("/usr/share/saleslift/README.md");
    // The example lives in /etc as the configuration itself; the package holds no state or reports.
    assertThat(modes.keySet()).noneMatch(p -> p.startsWith("/usr/share/saleslift/conf") || p.startsWith("/var/"));

    Path control = dir.resolve("control");
    assertThat(run(List.of("dpkg-deb", "-e", deb, control.toString()), dir, Map.of(), false).exit()).isZero();
    // On upgrade dpkg keeps an edited configuration and secrets file (and asks when both changed).
    assertThat(Files.readAllLines(control.resolve("conffiles")))
        .containsExactlyInAnyOrder("/etc/saleslift/saleslift.yaml", "/etc/saleslift/notify.env");
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertThat(control.resolve(script)).isExecutable();
      Ran syntax = run(List.of("sh", "-n", control.resolve(script).toString()), dir, Map.of(), false);
      assertThat(syntax.exit()).as(script + ": " + syntax.output()).isZero();
    }
    String postinst = Files.readString(control.resolve("postinst"));
    // The service user and its folders are made once; nothing enables the timer.
    assertThat(postinst).contains("useradd --system", "/var/lib/saleslift/reports").doesNotContain("enable");

    // The installed tree, unpacked as dpkg would, runs: the launcher finds its lib/ there.
    Path root = dir.resolve("root");
    assertThat(run(List.of("dpkg-deb", "-x", deb, root.toString()), dir, Map.of(), false).exit()).isZero();
    Ran version = run(List.of(root.resolve("usr/share/saleslift/bin/saleslift").toString(), "--version"), dir,
        Map.of("PATH", cleanPath(), "HOME", dir.toString()), true);
    assertThat(version.output().strip()).isEqualTo("SalesLift " + VERSION);
    String wrapper = Files.readString(root.resolve("usr/bin/saleslift"));
    assertThat(wrapper).contains("SALESLIFT_INPUT:=/var/lib/saleslift/input", "SALESLIFT_OUTPUT:=/var/lib/saleslift/reports",
        "SALESLIFT_CONFIG:=/etc/saleslift/saleslift.yaml", "exec /usr/share/saleslift/bin/saleslift \"$@\"");
    assertThat(run(List.of("sh", "-n", root.resolve("usr/bin/saleslift").toString()), dir, Map.of(), false).exit()).isZero();
    assertThat(new String(Files.readAllBytes(root.resolve("etc/saleslift/saleslift.yaml")), StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(REPO.resolve("dist/src/conf/saleslift.yaml.example")));
  }

  /** Relative links of README.md and docs/*.md whose target is not in the unpacked release. */
  private static List<String> deadLinks(Path home) throws java.io.IOException {
    java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    List<Path> pages = new java.util.ArrayList<>(List.of(home.resolve("README.md")));
    try (Stream<Path> docs = Files.list(home.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    List<String> dead = new java.util.ArrayList<>();
    for (Path page : pages) {
      java.util.regex.Matcher m = link.matcher(Files.readString(page));
      while (m.find()) {
        String target = m.group(1);
        if (!target.contains("://") && !target.startsWith("mailto:") && !Files.exists(page.getParent().resolve(target).normalize())) {
          dead.add(home.relativize(page) + " -> " + target);
        }
      }
    }
    return dead;
  }
}

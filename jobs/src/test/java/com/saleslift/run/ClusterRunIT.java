package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.CliRun;
import com.saleslift.support.SparkTestSession;
import com.saleslift.storage.Storage;
import com.saleslift.support.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under spark-submit on a real standalone cluster (a Master and a Worker on
 * loopback, executors in their own JVMs, our classes shipped to them in the jar), reading a small
 * company's exports (the valid base of the bad-input corpus: the cluster is the point here, not
 * the volume) from HDFS and publishing to HDFS (an in-process name node and data node): the
 * executors find the parsed events and the usage state there, not on a disk they share with the
 * driver. It publishes the same tables and rejects, byte for byte, as a local run on the local disk.
 */
class ClusterRunIT {
  /** Absolute: a reject names its source file as given, and both runs must name it alike. */
  private static final Path COMPANY = Path.of("src", "test", "resources", "bad-inputs", "_base").toAbsolutePath().normalize();
  private static final String DATE = "2024-06-30";

  @TempDir
  Path dir;

  @Test
  void nightlyOnAStandaloneClusterPublishesWhatALocalRunDoes() throws Exception {
    Path jar = Path.of(System.getProperty("saleslift.jar"));
    List<String> classpath = List.of(Files.readString(Path.of(System.getProperty("saleslift.classpath"))).trim().split(":"));
    // The cluster has Spark and what Spark brings, not our libraries: those must come from the jar.
    List<String> sparkOnly = withoutWhatTheJarCarries(classpath, jar);
    assertThat(sparkOnly).hasSizeLessThan(classpath.size()).noneMatch(j -> j.contains("picocli") || j.contains("pdfbox"));
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    String hdfsCompany = hdfs.getURI() + "/exports/company";
    hdfs.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(COMPANY.toUri()), new org.apache.hadoop.fs.Path(hdfsCompany));
    Path clusterOut = Storage.path(hdfs.getURI() + "/saleslift/reports");
    try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("spark-home"), sparkOnly, 2, "2g")) {
      // What a user types: spark-submit --master spark://… --class … saleslift.jar nightly …
      Process submit = cluster.launch("spark-submit", List.of("org.apache.spark.deploy.SparkSubmit",
          "--master", cluster.masterUrl(), "--deploy-mode", "client", "--executor-memory", "1g",
          "--conf", "spark.executor.extraJavaOptions=" + StandaloneCluster.SHORT_LIVED_JVM, "--conf", "spark.cores.max=1",
          "--class", "com.saleslift.cli.SalesLiftCli", jar.toString(),
          "nightly", "--input", hdfsCompany, "--output", clusterOut.toString(), "--date", DATE),
          "-Djava.awt.headless=true");
      // At the same time, what a user of the launcher types: ./saleslift nightly --master spark://…
      // (no spark-submit): a core of the Worker each. The executors get our jar only if the
      // launcher ships it: a lambda run there needs our classes.
      Path launcherOut = dir.resolve("launcher");
      ProcessBuilder launcher = new ProcessBuilder(List.of(Path.of("..", "saleslift").toAbsolutePath().normalize().toString(),
          "nightly", "--master", cluster.masterUrl(), "--input", COMPANY.toString(), "--output", launcherOut.toString(),
          "--date", DATE)).redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile());
      launcher.environment().put("SALESLIFT_CDS", "off");
      launcher.environment().put("SALESLIFT_JAVA_OPTS", "-Xmx1g -Dspark.executor.memory=1g -Dspark.cores.max=1");
      Process viaLauncher = launcher.start();

      // The local run, in this JVM, while the cluster works.
      Path localOut = dir.resolve("local");
      SparkTestSession.get();
      CliRun local = CliRun.of("nightly", "--input", COMPANY.toString(), "--output", localOut.toString(), "--date", DATE);
      assertThat(local.exit()).as(local.stderr()).isZero();

      assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("spark-submit ended").isTrue();
      String log = Files.readString(cluster.log("spark-submit"));
      assertThat(submit.exitValue()).as(log).isZero();
      // It ran on the cluster's executor, not in the driver: the Worker started one for the app.
      assertThat(Files.readString(cluster.log("worker"))).contains("Asked to launch executor app-");
      // The summary reached the scheduler's log, and nothing of Spark's INFO chatter did.
      assertThat(log).contains("published " + clusterOut.resolve(DATE), "Current MRR: USD ").doesNotContain(" INFO ");

      Map<String, String> onCluster = tablesAndRejects(clusterOut.resolve(DATE));
      Map<String, String> onLocal = tablesAndRejects(localOut.resolve(DATE));
      assertThat(onCluster.keySet()).isEqualTo(onLocal.keySet()).contains("metrics/mrr_movements.csv", "rejects/accounts.csv");
      // A reject names its source file as given: there, the file on HDFS.
      onLocal.forEach((file, text) -> assertThat(onCluster.get(file)).as(file).isEqualTo(text.replace(COMPANY.toString(), hdfsCompany)));

      assertThat(viaLauncher.waitFor(10, TimeUnit.MINUTES)).as("the launcher ended").isTrue();
      String said = Files.readString(dir.resolve("launcher.log"));
      assertThat(viaLauncher.exitValue()).as(said).isZero();
      assertThat(Files.readString(cluster.log("worker")).split("Asked to launch executor app-", -1)).as("executors launched").hasSize(3);
      assertThat(tablesAndRejects(launcherOut.resolve(DATE))).isEqualTo(onLocal);
    } finally {
      hdfs.shutdown();
    }
  }

  /** The class path's jars whose classes the shaded jar does not hold (judged by each jar's first class). */
  private static List<String> withoutWhatTheJarCarries(List<String> classpath, Path jar) throws IOException {
    try (JarFile shaded = new JarFile(jar.toFile())) {
      List<String> kept = new ArrayList<>();
      for (String entry : classpath) {
        try (JarFile library = new JarFile(entry)) {
          Optional<String> firstClass = library.stream().map(JarEntry::getName)
              .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.equals("module-info.class")).findFirst();
          if (firstClass.isEmpty() || shaded.getEntry(firstClass.get()) == null) {
            kept.add(entry);
          }
        }
      }
      return kept;
    }
  }

  /** Every published metric table and reject file (the CSVs), by path inside the run folder. */
  private static Map<String, String> tablesAndRejects(Path run) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(run)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".csv")).toList()) {
        files.put(run.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}

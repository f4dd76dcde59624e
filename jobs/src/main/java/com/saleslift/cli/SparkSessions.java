package com.saleslift.cli;

import com.saleslift.run.SparkSizing;
import com.saleslift.storage.Storage;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Local runs stay on loopback; every run gets a handful of
 * shuffle partitions (the data of one company is small); settings given to spark-submit win.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** The jar our classes were loaded from; none when they come from a folder (a build's classes). */
  static java.util.Optional<java.nio.file.Path> ownJar() {
    try {
      java.security.CodeSource source = SparkSessions.class.getProtectionDomain().getCodeSource();
      java.nio.file.Path path = java.nio.file.Path.of(source.getLocation().toURI());
      return java.nio.file.Files.isRegularFile(path) ? java.util.Optional.of(path) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  public static SparkSession create(String master) {
    SparkConf conf = new SparkConf(true).setAppName("SalesLift");
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
    } else {
      // A cluster's executors have Spark, not our classes: without our jar a lambda sent to them
      // cannot be resolved. spark-submit ships the application jar itself (its spark.jars stays);
      // a launcher started with --master ships the jar this class was loaded from.
      ownJar().ifPresent(jar -> conf.setIfMissing("spark.jars", jar.toUri().toString()));
    }
    // Spark describes every query's plan for its UI and listeners; on tables this small that
    // description costs as much as the query. The simple form, capped at 64 KB, is enough.
    conf.setIfMissing("spark.sql.ui.explainMode", "simple");
    conf.setIfMissing("spark.sql.maxPlanStringLength", "65536");
    // A run compiles some 900 generated classes, many alike from table to table and from run to
    // run; Spark's cache of 100 keeps recompiling them. With 2,000, a second run in the same JVM
    // (the test suite, ad-hoc runs from one session) compiled 28 instead of 888 and took 24.5 s
    // instead of 37.3 s on the 39-row test input.
    conf.setIfMissing("spark.sql.codegen.cache.maxEntries", "2000");
    // Parquet in LZ4_RAW rather than Spark's default snappy: snappy-java first copies a native
    // library into the temp folder, which fails on a noexec or full temp folder with an error that
    // hides why; LZ4_RAW is pure Java (aircompressor). Not gzip: rewriting the usage state of the
    // benchmark company (60 MB) took 9.5 s in gzip, 5 s less in LZ4_RAW. Published tables are
    // written in gzip, which every Parquet reader knows (ParquetTables).
    conf.setIfMissing("spark.sql.parquet.compression.codec", "lz4_raw");
    // Rows carry java.time values (Instant, LocalDate): no JVM default zone in between.
    conf.set("spark.sql.datetime.java8API.enabled", "true");
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    Storage.configure(session.sparkContext().hadoopConfiguration());
    // Until a run knows its input's size, sized as for the smallest input.
    SparkSizing.apply(session, 0);
    return session;
  }
}

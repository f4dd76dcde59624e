package com.saleslift.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.apache.hadoop.conf.Configuration;

/**
 * Where the job reads and writes: a local path, a {@code file:} URI, or any Hadoop file system URI
 * (`hdfs://namenode:8020/exports`, `s3a://bucket/saleslift` when the connector is on the class
 * path), all as java.nio paths. Spark reads the same places from their {@code toString()}.
 */
public final class Storage {
  private static volatile Configuration configuration;

  private Storage() {}

  /**
   * A folder or file given by a user or kept in a manifest.
   *
   * @throws IllegalArgumentException for a scheme no Hadoop file system on the class path serves
   */
  public static Path path(String value) {
    int colon = value.indexOf(':');
    // A one-letter scheme is a Windows drive (C:\exports), not a URI.
    String scheme = colon > 1 && value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
        ? value.substring(0, colon).toLowerCase(Locale.ROOT) : null;
    if (scheme == null) {
      return Path.of(value);
    }
    if (scheme.equals("file")) {
      return Path.of(URI.create(value));
    }
    try {
      org.apache.hadoop.fs.FileSystem.getFileSystemClass(scheme, configuration());
    } catch (IOException | RuntimeException e) {
      // Hadoop names s3a's class in its defaults, so a missing connector shows as a class not found.
      throw new IllegalArgumentException("'" + value + "': no Hadoop file system for " + scheme + ": on the class path"
          + (scheme.startsWith("s3") ? " (s3a: needs the hadoop-aws connector, e.g. spark-submit --packages"
              + " org.apache.hadoop:hadoop-aws:" + org.apache.hadoop.util.VersionInfo.getVersion() + ")" : ""), e);
    }
    // Read as Hadoop reads a path string: unescaped, so "hdfs://nn/with space" is that folder.
    return HadoopFileSystemProvider.INSTANCE.getPath(new org.apache.hadoop.fs.Path(value).toUri());
  }

  /** Whether a path lives on a Hadoop file system rather than the driver's own disk. */
  static boolean onHadoop(Path path) {
    return path instanceof HadoopPath;
  }

  /** Writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Replaces a file whole: written beside it, then renamed over it, so a reader (or a run killed
   * half-way) sees the old file or the new one, never a part. The caller holds the lock that
   * keeps other writers of the file away, so the file beside it has a fixed name: what a killed
   * run left there is simply written over by the next one.
   */
  public static void replace(Path file, Content content) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      content.write(out);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes a folder and all it holds, on any file system. */
  public static void deleteTree(Path folder) throws IOException {
    PathUtils.deleteDirectory(folder);
  }

  /**
   * The Hadoop configuration the job's own file access uses: Spark's once a session is up (so
   * `--conf spark.hadoop.fs.s3a.…` reaches both), before that the class path's `core-site.xml`
   * and the `spark.hadoop.*` properties spark-submit passes to the driver.
   */
  public static Configuration configuration() {
    Configuration c = configuration;
    if (c == null) {
      c = new Configuration();
      for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
        String key = property.getKey().toString();
        if (key.startsWith("spark.hadoop.")) {
          c.set(key.substring("spark.hadoop.".length()), property.getValue().toString());
        }
      }
      configuration = c;
    }
    return c;
  }

  /** Called once the SparkSession exists, with its Hadoop configuration. */
  public static void configure(Configuration sparkHadoopConfiguration) {
    configuration = sparkHadoopConfiguration;
  }
}

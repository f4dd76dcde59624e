package com.saleslift.storage;

import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path on a Hadoop file system (`hdfs://namenode:8020/exports/usage_events`): a list of names,
 * absolute from the file system's root or relative, with the plain path rules of a Unix file
 * system. Its {@link #toString} is the full URI when absolute, so Spark can read the same path.
 */
final class HadoopPath implements Path {
  private final HadoopFileSystem fs;
  private final boolean absolute;
  private final List<String> names;

  HadoopPath(HadoopFileSystem fs, boolean absolute, List<String> names) {
    this.fs = fs;
    this.absolute = absolute;
    this.names = List.copyOf(names);
  }

  /** Parses `/a/b`, `a/b` or `` (empty: the relative path with no names). */
  static HadoopPath parse(HadoopFileSystem fs, String path) {
    List<String> names = new ArrayList<>();
    for (String name : path.split("/")) {
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return new HadoopPath(fs, path.startsWith("/"), names);
  }

  /** The same path as Hadoop names it. */
  org.apache.hadoop.fs.Path hadoop() {
    return new org.apache.hadoop.fs.Path(toUri());
  }

  @Override
  public HadoopFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return absolute;
  }

  @Override
  public Path getRoot() {
    return absolute ? new HadoopPath(fs, true, List.of()) : null;
  }

  @Override
  public Path getFileName() {
    return names.isEmpty() ? null : new HadoopPath(fs, false, List.of(names.get(names.size() - 1)));
  }

  @Override
  public Path getParent() {
    if (names.isEmpty() || (!absolute && names.size() == 1)) {
      return null;
    }
    return new HadoopPath(fs, absolute, names.subList(0, names.size() - 1));
  }

  @Override
  public int getNameCount() {
    return names.size();
  }

  @Override
  public Path getName(int index) {
    return new HadoopPath(fs, false, List.of(names.get(index)));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return new HadoopPath(fs, false, names.subList(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    HadoopPath o = same(other);
    return o.absolute == absolute && o.names.size() <= names.size() && names.subList(0, o.names.size()).equals(o.names);
  }

  @Override
  public boolean endsWith(Path other) {
    HadoopPath o = same(other);
    if (o.absolute) {
      return equals(o);
    }
    return o.names.size() <= names.size() && names.subList(names.size() - o.names.size(), names.size()).equals(o.names);
  }

  @Override
  public Path normalize() {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else if (!(name.equals("..") && absolute)) {
        out.add(name);
      }
    }
    return new HadoopPath(fs, absolute, out);
  }

  @Override
  public Path resolve(Path other) {
    HadoopPath o = same(other);
    if (o.absolute) {
      return o;
    }
    List<String> joined = new ArrayList<>(names);
    joined.addAll(o.names);
    return new HadoopPath(fs, absolute, joined);
  }

  @Override
  public Path relativize(Path other) {
    HadoopPath o = same(other);
    if (o.absolute != absolute) {
      throw new IllegalArgumentException(other + " and " + this + ": one is absolute, the other not");
    }
    int common = 0;
    while (common < names.size() && common < o.names.size() && names.get(common).equals(o.names.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < names.size(); i++) {
      out.add("..");
    }
    out.addAll(o.names.subList(common, o.names.size()));
    return new HadoopPath(fs, false, out);
  }

  @Override
  public URI toUri() {
    URI root = fs.root();
    try {
      return new URI(root.getScheme(), root.getAuthority(), "/" + String.join("/", toAbsolute().names), null, null);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(this + ": " + e.getMessage(), e);
    }
  }

  private HadoopPath toAbsolute() {
    if (!absolute) {
      throw new IllegalArgumentException(this + ": a relative path has no place on " + fs.root());
    }
    return this;
  }

  @Override
  public Path toAbsolutePath() {
    return toAbsolute();
  }

  @Override
  public Path toRealPath(LinkOption... options) {
    return toAbsolute().normalize();
  }

  @Override
  public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("a Hadoop file system cannot be watched");
  }

  @Override
  public int compareTo(Path other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HadoopPath o && o.fs.equals(fs) && o.absolute == absolute && o.names.equals(names);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fs, absolute, names);
  }

  /**
   * Absolute: the URI as Hadoop writes one, unescaped (`hdfs://nn/with space/a.csv`), the form a
   * Hadoop path string (and so Spark) reads back as the same file.
   */
  @Override
  public String toString() {
    return absolute ? new org.apache.hadoop.fs.Path(toUri()).toString() : String.join("/", names);
  }

  private HadoopPath same(Path other) {
    if (!(other instanceof HadoopPath o) || !o.fs.equals(fs)) {
      throw new ProviderMismatchException(other + " is not on " + fs.root());
    }
    return o;
  }
}

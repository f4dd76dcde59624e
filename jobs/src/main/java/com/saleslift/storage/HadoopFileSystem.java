package com.saleslift.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * One Hadoop file system (a scheme and an authority: `hdfs://namenode:8020`, `s3a://bucket`) seen
 * through java.nio, so the job's file code works on it unchanged. The Hadoop client behind it is
 * Hadoop's own cached instance for that URI, with the configuration {@link Storage} holds.
 */
final class HadoopFileSystem extends java.nio.file.FileSystem {
  private final HadoopFileSystemProvider provider;
  private final URI root;

  HadoopFileSystem(HadoopFileSystemProvider provider, URI root) {
    this.provider = provider;
    this.root = root;
  }

  /** `scheme://authority/`. */
  URI root() {
    return root;
  }

  org.apache.hadoop.fs.FileSystem hadoop() throws IOException {
    return org.apache.hadoop.fs.FileSystem.get(root, Storage.configuration());
  }

  @Override
  public HadoopFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    // Hadoop's cache owns the client and closes it at exit.
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return List.of(getPath("/"));
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return List.of();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic");
  }

  @Override
  public HadoopPath getPath(String first, String... more) {
    return HadoopPath.parse(this, more.length == 0 ? first : first + "/" + String.join("/", more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    throw new UnsupportedOperationException("path matchers on " + root);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("user principals on " + root);
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("a Hadoop file system cannot be watched");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HadoopFileSystem o && o.root.equals(root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return root.toString();
  }
}

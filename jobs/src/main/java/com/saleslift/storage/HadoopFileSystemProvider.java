package com.saleslift.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;

/**
 * java.nio over Hadoop's FileSystem, for the schemes Hadoop knows (hdfs, s3a with its connector,
 * ...). Not installed as a JDK service: under spark-submit our classes are not on the system
 * class loader that installed providers come from, so {@link Storage#path} makes these paths
 * itself. What Hadoop file systems cannot do (links, watch services, file channels, owners) is
 * refused; a rename is Hadoop's rename, atomic on HDFS, a copy on object stores.
 */
final class HadoopFileSystemProvider extends FileSystemProvider {
  static final HadoopFileSystemProvider INSTANCE = new HadoopFileSystemProvider();
  private final Map<URI, HadoopFileSystem> systems = new ConcurrentHashMap<>();

  private HadoopFileSystemProvider() {}

  @Override
  public String getScheme() {
    return "hadoop";
  }

  @Override
  public HadoopFileSystem newFileSystem(URI uri, Map<String, ?> env) {
    return getFileSystem(uri);
  }

  @Override
  public HadoopFileSystem getFileSystem(URI uri) {
    URI root = URI.create(uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority()) + "/");
    return systems.computeIfAbsent(root, r -> new HadoopFileSystem(this, r));
  }

  @Override
  public HadoopPath getPath(URI uri) {
    return getFileSystem(uri).getPath(uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    HadoopPath p = hadoop(path);
    try {
      return p.getFileSystem().hadoop().open(p.hadoop());
    } catch (IOException e) {
      throw nio(e, p);
    }
  }

  @Override
  public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
    HadoopPath p = hadoop(path);
    Set<OpenOption> opts = Set.of(options);
    if (opts.contains(StandardOpenOption.APPEND)) {
      throw new UnsupportedOperationException(p + ": appending to a file on a Hadoop file system");
    }
    try {
      // Hadoop creates the parent folders itself; java.nio would refuse: keep java.nio's answer.
      if (p.getParent() != null && !p.getFileSystem().hadoop().isDirectory(hadoop(p.getParent()).hadoop())) {
        throw new NoSuchFileException(p.getParent().toString(), null, "no such folder");
      }
      return p.getFileSystem().hadoop().create(p.hadoop(), !opts.contains(StandardOpenOption.CREATE_NEW));
    } catch (IOException e) {
      throw nio(e, p);
    }
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
      throw new UnsupportedOperationException(path + ": a writable channel on a Hadoop file system; write a stream");
    }
    HadoopPath p = hadoop(path);
    try {
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem().hadoop();
      return new ReadChannel(fs.open(p.hadoop()), fs.getFileStatus(p.hadoop()).getLen());
    } catch (IOException e) {
      throw nio(e, p);
    }
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    HadoopPath p = hadoop(dir);
    List<Path> children = new ArrayList<>();
    try {
      for (FileStatus status : p.getFileSystem().hadoop().listStatus(p.hadoop())) {
        Path child = p.resolve(status.getPath().getName());
        if (filter.accept(child)) {
          children.add(child);
        }
      }
    } catch (IOException e) {
      throw nio(e, p);
    }
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        return children.iterator();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    HadoopPath p = hadoop(dir);
    org.apache.hadoop.fs.FileSystem fs = p.getFileSystem().hadoop();
    if (fs.exists(p.hadoop())) {
      throw new FileAlreadyExistsException(p.toString());
    }
    if (p.getParent() != null && !fs.isDirectory(hadoop(p.getParent()).hadoop())) {
      throw new NoSuchFileException(p.getParent().toString(), null, "no such folder");
    }
    if (!fs.mkdirs(p.hadoop())) {
      throw new IOException(p + ": could not create the folder");
    }
  }

  @Override
  public void delete(Path path) throws IOException {
    HadoopPath p = hadoop(path);
    try {
      if (!p.getFileSystem().hadoop().delete(p.hadoop(), false)) {
        throw new NoSuchFileException(p.toString());
      }
    } catch (IOException e) {
      throw nio(e, p);
    }
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    HadoopPath from = hadoop(source);
    HadoopPath to = hadoop(target);
    boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
    if (!replace && exists(to)) {
      throw new FileAlreadyExistsException(to.toString());
    }
    try {
      FileUtil.copy(from.getFileSystem().hadoop(), from.hadoop(), to.getFileSystem().hadoop(), to.hadoop(), false, replace,
          Storage.configuration());
    } catch (IOException e) {
      throw nio(e, from);
    }
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    HadoopPath from = hadoop(source);
    HadoopPath to = hadoop(target);
    try {
      if (Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING)) {
        // FileContext's rename replaces a file in one step on HDFS; FileSystem's cannot replace at all.
        FileContext.getFileContext(to.getFileSystem().root(), Storage.configuration())
            .rename(from.hadoop(), to.hadoop(), Options.Rename.OVERWRITE);
        return;
      }
      if (exists(to)) {
        throw new FileAlreadyExistsException(to.toString());
      }
      if (!from.getFileSystem().hadoop().rename(from.hadoop(), to.hadoop())) {
        throw new IOException("could not rename " + from + " to " + to);
      }
    } catch (IOException e) {
      throw nio(e, from);
    }
  }

  @Override
  public boolean isSameFile(Path path, Path other) {
    return path.equals(other);
  }

  @Override
  public boolean isHidden(Path path) {
    return false;
  }

  @Override
  public FileStore getFileStore(Path path) {
    throw new UnsupportedOperationException("file stores of " + path.getFileSystem());
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    if (!exists(hadoop(path))) {
      throw new NoSuchFileException(path.toString());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
    if (type != BasicFileAttributeView.class) {
      return null;
    }
    HadoopPath p = hadoop(path);
    return (V) new BasicFileAttributeView() {
      @Override
      public String name() {
        return "basic";
      }

      @Override
      public BasicFileAttributes readAttributes() throws IOException {
        return HadoopFileSystemProvider.this.readAttributes(p, BasicFileAttributes.class);
      }

      @Override
      public void setTimes(FileTime modified, FileTime accessed, FileTime created) throws IOException {
        p.getFileSystem().hadoop().setTimes(p.hadoop(), modified == null ? -1 : modified.toMillis(),
            accessed == null ? -1 : accessed.toMillis());
      }
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
    if (!type.isAssignableFrom(Attributes.class)) {
      throw new UnsupportedOperationException(type.getSimpleName() + " of " + path);
    }
    HadoopPath p = hadoop(path);
    try {
      return (A) new Attributes(p.getFileSystem().hadoop().getFileStatus(p.hadoop()));
    } catch (IOException e) {
      throw nio(e, p);
    }
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    BasicFileAttributes a = readAttributes(path, BasicFileAttributes.class);
    return Map.of("size", a.size(), "lastModifiedTime", a.lastModifiedTime(), "isDirectory", a.isDirectory(),
        "isRegularFile", a.isRegularFile());
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    throw new UnsupportedOperationException("setting " + attribute + " of " + path);
  }

  private static boolean exists(HadoopPath p) throws IOException {
    return p.getFileSystem().hadoop().exists(p.hadoop());
  }

  private static HadoopPath hadoop(Path path) {
    if (!(path instanceof HadoopPath p)) {
      throw new ProviderMismatchException(path + " is not on a Hadoop file system");
    }
    return p;
  }

  /** Hadoop's exceptions as java.nio's, so Files.exists, deleteIfExists and friends answer as they should. */
  private static IOException nio(IOException e, HadoopPath path) {
    if (e instanceof FileNotFoundException) {
      return (IOException) new NoSuchFileException(path.toString(), null, e.getMessage()).initCause(e);
    }
    if (e instanceof org.apache.hadoop.fs.FileAlreadyExistsException) {
      return (IOException) new FileAlreadyExistsException(path.toString(), null, e.getMessage()).initCause(e);
    }
    if (e instanceof PathIsNotEmptyDirectoryException) {
      return (IOException) new DirectoryNotEmptyException(path.toString()).initCause(e);
    }
    return e;
  }

  /** A file's status as java.nio's basic attributes. */
  private record Attributes(FileStatus status) implements BasicFileAttributes {
    @Override
    public FileTime lastModifiedTime() {
      return FileTime.fromMillis(status.getModificationTime());
    }

    @Override
    public FileTime lastAccessTime() {
      return FileTime.fromMillis(status.getAccessTime());
    }

    @Override
    public FileTime creationTime() {
      return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
      return status.isFile();
    }

    @Override
    public boolean isDirectory() {
      return status.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
      return false;
    }

    @Override
    public boolean isOther() {
      return false;
    }

    @Override
    public long size() {
      return status.getLen();
    }

    @Override
    public Object fileKey() {
      return null;
    }
  }

  /** A read-only channel over Hadoop's seekable stream (what Files.readAllBytes and a Parquet footer check need). */
  private static final class ReadChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final long size;
    private boolean open = true;

    ReadChannel(FSDataInputStream in, long size) {
      this.in = in;
      this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      byte[] chunk = new byte[Math.min(dst.remaining(), 1 << 16)];
      int n = in.read(chunk, 0, chunk.length);
      if (n > 0) {
        dst.put(chunk, 0, n);
      }
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
      return in.getPos();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      in.seek(newPosition);
      return this;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      in.close();
    }
  }
}

package com.saleslift.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.LongStream;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The keys of a parsed file as sorted 64-bit hashes, kept beside its rows so a later run can ask
 * "does a new file repeat a key of an old one?", or "which keys can repeat at all?", by reading
 * 8 bytes a row instead of the rows. The hash is Spark's own {@code xxhash64} of the key, so a
 * query can pick out the rows whose key hash is shared. Equal keys always give equal hashes; two
 * different keys share one with a chance near n^2 / 2^65 (about 3 in a million at 10 million
 * keys), and a shared hash only ever sends the run to the exact, slower path.
 */
public final class KeyHashes {
  private KeyHashes() {}

  /** Spark's {@code xxhash64} seed, which its SQL function always uses. */
  private static final long SPARK_SEED = 42L;

  /** What Spark's {@code xxhash64(key)} gives for this key. */
  public static long of(String key) {
    return XXH64.hashUTF8String(UTF8String.fromString(key), SPARK_SEED);
  }

  public static void write(Path file, long[] hashes) throws IOException {
    long[] sorted = hashes.clone();
    Arrays.sort(sorted);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (long h : sorted) {
        out.writeLong(h);
      }
    }
  }

  /** A file {@link #write} wrote: its hashes, sorted. */
  public static long[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    long[] hashes = new long[(int) count(file, bytes.length)];
    ByteBuffer.wrap(bytes).asLongBuffer().get(hashes);
    return hashes;
  }

  /** How many hashes a file of this many bytes holds; a file cut mid-hash is refused. */
  private static long count(Path file, long bytes) throws IOException {
    if (bytes % Long.BYTES != 0) {
      throw new IOException(file + ": " + bytes + " bytes is not a whole number of hashes");
    }
    return bytes / Long.BYTES;
  }

  /** Whether two sorted arrays share a value. */
  public static boolean intersect(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  /**
   * The hashes found more than once in some files {@link #write} wrote, within one file or across
   * them, sorted; null when there are more than {@code limit}. The files are merged as streams:
   * a hundred million keys in 730 day files need one small buffer per file, not 800 MB.
   */
  public static long[] shared(List<Path> files, int limit) throws IOException {
    PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparingLong(Cursor::head));
    List<Cursor> opened = new ArrayList<>();
    try {
      for (Path file : files) {
        Cursor cursor = new Cursor(file);
        opened.add(cursor);
        if (cursor.advance()) {
          heads.add(cursor);
        }
      }
      LongStream.Builder found = LongStream.builder();
      int count = 0;
      boolean started = false;
      long previous = 0;
      boolean previousFound = false;
      while (!heads.isEmpty()) {
        Cursor cursor = heads.poll();
        long hash = cursor.head();
        if (started && hash == previous) {
          if (!previousFound) {
            found.add(hash);
            previousFound = true;
            if (++count > limit) {
              return null;
            }
          }
        } else {
          started = true;
          previous = hash;
          previousFound = false;
        }
        if (cursor.advance()) {
          heads.add(cursor);
        }
      }
      return found.build().toArray();
    } finally {
      for (Cursor cursor : opened) {
        cursor.in.close();
      }
    }
  }

  /** A file's hashes read one at a time. */
  private static final class Cursor {
    private final DataInputStream in;
    private long left;
    private long head;

    Cursor(Path file) throws IOException {
      this.left = count(file, Files.size(file));
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 8192));
    }

    long head() {
      return head;
    }

    boolean advance() throws IOException {
      if (left == 0) {
        return false;
      }
      left--;
      head = in.readLong();
      return true;
    }
  }
}

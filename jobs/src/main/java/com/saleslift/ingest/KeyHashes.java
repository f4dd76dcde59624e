package com.saleslift.ingest;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The keys of a parsed file as sorted 64-bit hashes, kept beside its rows so a later run can ask
 * "does a new file repeat a key of an old one?" by reading 8 bytes a row instead of the rows.
 * Equal keys always give equal hashes; two different keys share one with a chance near
 * n^2 / 2^65 (about 3 in a million at 10 million keys), and a shared hash only ever sends the
 * run to the exact, slower path.
 */
public final class KeyHashes {
  private KeyHashes() {}

  /** FNV-1a over the UTF-8 bytes, then MurmurHash3's 64-bit finalizer to spread the bits. */
  public static long of(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
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
    if (bytes.length % Long.BYTES != 0) {
      throw new IOException(file + ": " + bytes.length + " bytes is not a whole number of hashes");
    }
    long[] hashes = new long[bytes.length / Long.BYTES];
    ByteBuffer.wrap(bytes).asLongBuffer().get(hashes);
    return hashes;
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
}

package com.saleslift.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Checksums of what the job reads and keeps. CRC-32C of the files a kept state is made of,
 * recorded when the state is written and compared before it is trusted again: a file damaged in
 * place (same size, a few bytes changed) still carries Parquet's magic bytes and may even decode,
 * and only a checksum of every byte tells (CRC-32C runs at memory speed). SHA-256 where a
 * checksum names content: an input file the parse cache knows, the configuration a run read.
 */
public final class Checksums {
  private Checksums() {}

  /** One CRC-32C over the bytes of the files, one after the other. */
  public static long of(Path... files) throws IOException {
    CRC32C crc = new CRC32C();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        chunks(in, (buffer, n) -> crc.update(buffer, 0, n));
      }
    }
    return crc.getValue();
  }

  /** Every file below {@code folder} whose name ends in {@code suffix}, by its path relative to the folder. */
  public static Map<String, Long> ofFolder(Path folder, String suffix) throws IOException {
    Map<String, Long> sums = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix)).toList()) {
        sums.put(folder.relativize(file).toString(), of(file));
      }
    }
    return sums;
  }

  /** The SHA-256 of everything {@code in} holds, in lower-case hex. */
  public static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      chunks(in, (buffer, n) -> digest.update(buffer, 0, n));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stream's bytes handed on a buffer at a time (the buffer and how many of its bytes are read). */
  private static void chunks(InputStream in, ObjIntConsumer<byte[]> sink) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
      sink.accept(buffer, n);
    }
  }
}

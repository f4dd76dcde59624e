package com.saleslift.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * CRC-32C of the files a kept state is made of, recorded when the state is written and compared
 * before it is trusted again. A file damaged in place (same size, a few bytes changed) still
 * carries Parquet's magic bytes and may even decode: only a checksum of every byte tells, and
 * CRC-32C runs at memory speed on the processors Java uses it on.
 */
public final class Checksums {
  private Checksums() {}

  /** One checksum over the bytes of the files, one after the other. */
  public static long of(Path... files) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          crc.update(buffer, 0, n);
        }
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
}

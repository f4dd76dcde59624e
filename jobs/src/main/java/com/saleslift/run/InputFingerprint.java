package com.saleslift.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run read, told without reading it: the input folder as given on the command line (the
 * rejects name their files by it) and every file under it with its size and modification time,
 * hashed. Two runs with the same fingerprint read the same files; a re-export changes it.
 */
final class InputFingerprint {
  private InputFingerprint() {}

  /** The fingerprint; empty when the folder cannot be listed (the run's own reading says why). */
  static Optional<String> of(Path input) {
    try (Stream<Path> walk = Files.walk(input)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((input + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path file : files) {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        sha.update((input.relativize(file) + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return Optional.of(HexFormat.of().formatHex(sha.digest()));
    } catch (IOException | UncheckedIOException unlisted) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

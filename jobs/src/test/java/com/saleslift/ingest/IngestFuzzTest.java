package com.saleslift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of a valid input folder (bytes dropped, doubled, replaced by quotes,
 * commas, line breaks, invalid UTF-8, lines swapped or cut) must only ever be read or refused:
 * reading an input never fails any other way. The full-run outcomes of the named bad inputs are
 * in cli/BadInputCorpusTest.
 */
class IngestFuzzTest {
  private static final int CASES = 300;
  private static final byte[] NASTY = {'"', ',', '\n', '\r', (byte) 0xFF, (byte) 0xC3, '=', '-', ' ', 0};

  @TempDir
  Path dir;

  @Test
  void mutatedInputsAreReadOrRefusedNeverCrash() throws IOException, URISyntaxException {
    Path base = Path.of(IngestFuzzTest.class.getResource("/bad-inputs/_base").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(base)) {
      files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    SplittableRandom random = new SplittableRandom(20261127L);
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      Path input = Files.createDirectories(dir.resolve("case-" + i));
      for (Path f : files) {
        Files.copy(f, input.resolve(f.getFileName()));
      }
      Path victim = input.resolve(files.get(random.nextInt(files.size())).getFileName());
      Files.write(victim, mutate(Files.readAllBytes(victim), random));
      try {
        InputReader.readAll(input, new ValueParser(ZoneOffset.UTC), SalesLiftConfig.defaults().sources());
      } catch (InputRefusedException expected) {
        refused++;
        assertThat(expected.getMessage()).as("case " + i).doesNotContain("\n");
      }
    }
    // The mutations must reach both outcomes, or they test nothing.
    assertThat(refused).isBetween(1, CASES - 1);
  }

  private static byte[] mutate(byte[] bytes, SplittableRandom random) {
    byte[] out = bytes.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && out.length > 0; e++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(4)) {
        case 0 -> out[at] = NASTY[random.nextInt(NASTY.length)];
        case 1 -> out = splice(out, at, 1, new byte[0]);
        case 2 -> out = splice(out, at, 0, new byte[] {NASTY[random.nextInt(NASTY.length)]});
        default -> out = java.util.Arrays.copyOf(out, at);
      }
    }
    return out;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }
}

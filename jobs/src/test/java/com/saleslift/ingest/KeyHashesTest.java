package com.saleslift.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.SparkTestSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key hashes as a query sees them, and the repeated ones found across the files that keep them. */
class KeyHashesTest {
  @TempDir
  Path dir;

  @Test
  void aKeysHashIsWhatSparksXxhash64GivesForIt() {
    List<String> keys = List.of("E0000507", "", "évènement-ü", "𝄞 clef", "a,b\n\"c\"");
    List<Row> hashed = SparkTestSession.get().createDataset(keys, Encoders.STRING())
        .select(col("value"), xxhash64(col("value"))).collectAsList();
    assertThat(hashed).hasSize(keys.size())
        .allSatisfy(r -> assertThat(KeyHashes.of(r.getString(0))).as(r.getString(0)).isEqualTo(r.getLong(1)));
  }

  @Test
  void sharedHashesAreTheRepeatedOnesWithinAndAcrossFiles() throws IOException {
    // 5 twice in the first file, 3 in the first and the second, 9 in three of the four files.
    List<Path> files = List.of(
        write("a", 5, 1, 9, 3, 5),
        write("b", 3, 2, 9, 7),
        write("c"),
        write("d", 9, -4));
    assertThat(KeyHashes.shared(files, 10)).containsExactly(3, 5, 9);
    assertThat(KeyHashes.shared(files, 3)).containsExactly(3, 5, 9);
    assertThat(KeyHashes.shared(files, 2)).as("more repeated hashes than asked for").isNull();
    assertThat(KeyHashes.shared(List.of(write("e", 1, 2), write("f", 3)), 10)).isEmpty();
    assertThat(KeyHashes.shared(List.of(), 10)).isEmpty();
  }

  private Path write(String name, long... hashes) throws IOException {
    Path file = dir.resolve(name + ".keys");
    KeyHashes.write(file, hashes);
    return file;
  }
}

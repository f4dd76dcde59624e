package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShufflePartitionsTest {
  @Test
  void onePerCoreUntilTheInputNeedsMore() {
    long mb = 1L << 20;
    assertThat(ShufflePartitions.forInput(0, 1)).isEqualTo(2);
    assertThat(ShufflePartitions.forInput(4 * mb, 2)).isEqualTo(2);
    assertThat(ShufflePartitions.forInput(100 * mb, 8)).isEqualTo(8);
    // M: 656 MB of input on 2 cores; a tenth of L: 2.1 GB.
    assertThat(ShufflePartitions.forInput(656 * mb, 2)).isEqualTo(11);
    assertThat(ShufflePartitions.forInput(2_100_000_000L, 2)).isEqualTo(32);
  }
}

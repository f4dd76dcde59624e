package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.support.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSizingTest {
  private static final long MB = 1L << 20;

  @Test
  void onePartitionPerCoreUntilTheInputNeedsMore() {
    assertThat(SparkSizing.shufflePartitions(0, 1)).isEqualTo(2);
    assertThat(SparkSizing.shufflePartitions(4 * MB, 2)).isEqualTo(2);
    assertThat(SparkSizing.shufflePartitions(100 * MB, 8)).isEqualTo(8);
    // M: 656 MB of input on 2 cores; a tenth of L: 2.1 GB.
    assertThat(SparkSizing.shufflePartitions(656 * MB, 2)).isEqualTo(11);
    assertThat(SparkSizing.shufflePartitions(2_100_000_000L, 2)).isEqualTo(32);
  }

  @Test
  void anInputOfOnePartitionRunsWithoutAdaptiveExecutionOrCodeGeneration() {
    SparkSession spark = SparkTestSession.get();
    try {
      SparkSizing.apply(spark, 64 * MB);
      assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("false");
      assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("false");
      assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("NO_CODEGEN");

      // One byte more, in the same session: Spark's defaults are back.
      SparkSizing.apply(spark, 64 * MB + 1);
      assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("true");
      assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("true");
      assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("FALLBACK");
    } finally {
      SparkTestSession.reset(spark);
    }
  }
}

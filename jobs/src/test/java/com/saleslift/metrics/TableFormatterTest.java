package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TableFormatterTest {
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("m", DataTypes.createDecimalType(20, 6), true),
      DataTypes.createStructField("d", DataTypes.DoubleType, true),
      DataTypes.createStructField("n", DataTypes.LongType, true),
      DataTypes.createStructField("k", DataTypes.LongType, true)));

  private static Row row(Object... values) {
    return new GenericRowWithSchema(values, SCHEMA);
  }

  @Test
  void roundsHalfUpOnlyWhenWritten() {
    Row r = row(new BigDecimal("2.345000"), 1.00005, 2L, 3L);
    assertThat(TableFormatter.cell(MetricColumn.money("m"), r)).isEqualTo("2.35");
    assertThat(TableFormatter.cell(MetricColumn.decimal("d"), r)).isEqualTo("1.0001");
    assertThat(TableFormatter.cell(MetricColumn.ratio("x", "n", "k"), r)).isEqualTo("0.6667");
    assertThat(TableFormatter.cell(MetricColumn.moneyRatio("x", "m", "k"), r)).isEqualTo("0.78");
    assertThat(TableFormatter.cell(MetricColumn.integer("n"), r)).isEqualTo("2");
  }

  @Test
  void plainNotationNeverAnExponent() {
    Row r = row(new BigDecimal("1E+7"), 1.0E-7, 1L, 3L);
    assertThat(TableFormatter.cell(MetricColumn.money("m"), r)).isEqualTo("10000000.00");
    assertThat(TableFormatter.cell(MetricColumn.decimal("d"), r)).isEqualTo("0.0000");
  }

  @Test
  void aRatioOverZeroOrNothingIsEmpty() {
    assertThat(TableFormatter.cell(MetricColumn.ratio("x", "n", "k"), row(null, null, 1L, 0L))).isEmpty();
    assertThat(TableFormatter.cell(MetricColumn.ratio("x", "n", "k"), row(null, null, 1L, null))).isEmpty();
    assertThat(TableFormatter.cell(MetricColumn.money("m"), row(null, null, 1L, 1L))).isEmpty();
  }

  @Test
  void rowsSortInByteOrderWithEmptyLast() {
    List<List<String>> rows = new ArrayList<>(List.of(
        List.of("b", "2"), List.of("", "1"), List.of("B", "9"), List.of("a", ""), List.of("a", "1")));
    rows.sort(TableFormatter.grainOrder(List.of(MetricColumn.text("x"), MetricColumn.text("y"))));
    assertThat(rows).containsExactly(List.of("B", "9"), List.of("a", "1"), List.of("a", ""), List.of("b", "2"), List.of("", "1"));
  }

  @Test
  void aWholeNumberGrainSortsByValue() {
    List<List<String>> rows = new ArrayList<>(List.of(List.of("10"), List.of("2"), List.of("1")));
    rows.sort(TableFormatter.grainOrder(List.of(MetricColumn.integer("rank"))));
    assertThat(rows).containsExactly(List.of("1"), List.of("2"), List.of("10"));
  }
}

package com.saleslift.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.metrics.MetricColumn;
import com.saleslift.metrics.MetricTable;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTablesTest {
  @TempDir
  Path dir;

  /** Written without Spark, read back by Spark: the CSV's cells, typed as Spark would have written them. */
  @Test
  void aTableReadsBackWithItsTypesAndValues() throws IOException {
    MetricTable definition = MetricTable.of("t", 1, MetricColumn.text("segment"), MetricColumn.date("day"),
        MetricColumn.integer("accounts"), MetricColumn.money("mrr"), MetricColumn.ratio("rate", "a", "b"));
    ResultTable table = new ResultTable("t", definition.columnNames(), List.of(
        List.of("B2B", "2026-10-31", "12", "-1234567890123.45", "0.1235"),
        List.of("B2C", "", "0", "0.05", ""),
        List.of("", "1969-12-31", "-3", "99999999999999999999999999999999999.99", "-0.0001")));

    ParquetTables.write(definition, table, dir.resolve("t"));

    var read = SparkTestSession.get().read().parquet(dir.resolve("t").toString());
    assertThat(read.schema()).isEqualTo(new StructType()
        .add("segment", DataTypes.StringType).add("day", DataTypes.DateType).add("accounts", DataTypes.LongType)
        .add("mrr", DataTypes.createDecimalType(38, 2)).add("rate", DataTypes.createDecimalType(38, 4)));
    List<Row> rows = read.collectAsList();
    assertThat(rows).map(r -> Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))).containsExactly(
        Arrays.asList("B2B", LocalDate.of(2026, 10, 31), 12L, new BigDecimal("-1234567890123.45"), new BigDecimal("0.1235")),
        Arrays.asList("B2C", null, 0L, new BigDecimal("0.05"), null),
        Arrays.asList(null, LocalDate.of(1969, 12, 31), -3L, new BigDecimal("99999999999999999999999999999999999.99"),
            new BigDecimal("-0.0001")));
    assertThat(dir.resolve("t/_SUCCESS")).exists();
  }
}

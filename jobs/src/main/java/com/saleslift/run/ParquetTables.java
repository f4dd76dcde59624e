package com.saleslift.run;

import com.saleslift.metrics.MetricColumn;
import com.saleslift.metrics.MetricTable;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet copies of the published tables (`metrics/parquet/<table>/`) for analysts' tools:
 * the same values as the CSV files, typed (dates, whole numbers, decimals with the CSV's scale).
 */
public final class ParquetTables {
  private ParquetTables() {}

  public static void write(SparkSession spark, MetricTable definition, ResultTable table, Path dir) {
    StructType schema = schema(definition);
    List<Row> rows = new ArrayList<>();
    for (List<String> cells : table.rows()) {
      Object[] values = new Object[cells.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(definition.columns().get(i).kind(), cells.get(i));
      }
      rows.add(RowFactory.create(values));
    }
    write(spark.createDataFrame(rows, schema), dir);
  }

  /**
   * One part file per table: these tables are small, and one file is what a spreadsheet user
   * opens. In gzip, which any Parquet reader can open (older ones do not know the job's LZ4_RAW).
   */
  public static void write(Dataset<Row> rows, Path dir) {
    rows.coalesce(1).write().mode("overwrite").option("compression", "gzip").parquet(dir.toUri().toString());
  }

  static StructType schema(MetricTable definition) {
    List<StructField> fields = new ArrayList<>();
    for (MetricColumn c : definition.columns()) {
      fields.add(DataTypes.createStructField(c.name(), type(c.kind()), true));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType type(MetricColumn.Kind kind) {
    return switch (kind) {
      case TEXT -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
      case INTEGER -> DataTypes.LongType;
      case MONEY, MONEY_RATIO -> DataTypes.createDecimalType(38, 2);
      case DECIMAL, RATIO -> DataTypes.createDecimalType(38, 4);
    };
  }

  private static Object value(MetricColumn.Kind kind, String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    return switch (kind) {
      case TEXT -> cell;
      case DATE -> LocalDate.parse(cell);
      case INTEGER -> Long.parseLong(cell);
      default -> new BigDecimal(cell);
    };
  }
}

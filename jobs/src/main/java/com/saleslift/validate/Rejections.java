package com.saleslift.validate;

import static org.apache.spark.sql.functions.lit;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows rejected after parsing travel as a Dataset of the table's schema plus three columns
 * saying why; they become {@link Reject} values only when collected for writing.
 */
public final class Rejections {
  public static final String REASON = "_reject_reason";
  public static final String COLUMN = "_reject_column";
  public static final String DETAIL = "_reject_detail";

  private Rejections() {}

  /** Marks every row of {@code rows} as rejected for {@code reason}. */
  public static Dataset<Row> of(Dataset<Row> rows, RejectReason reason, String column, Column detail) {
    return rows.withColumn(REASON, lit(reason.name()))
        .withColumn(COLUMN, lit(column))
        .withColumn(DETAIL, detail);
  }

  public static List<Reject> collect(CanonicalTable table, Dataset<Row> rejected) {
    List<String> columns = table.columnNames();
    return rejected.collectAsList().stream().map(row -> {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String c : columns) {
        fields.put(c, text(row.getAs(c)));
      }
      return new Reject(row.getAs(CanonicalTable.SOURCE_FILE), row.<Long>getAs(CanonicalTable.SOURCE_LINE),
          RejectReason.valueOf(row.getAs(REASON)), row.getAs(COLUMN), row.getAs(DETAIL), fields);
    }).toList();
  }

  /** A parsed value written back as text: ISO dates and instants, plain decimals. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}

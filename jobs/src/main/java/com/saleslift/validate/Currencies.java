package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnType;
import com.saleslift.ingest.RejectReason;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Conversion to the base currency with the latest rate on or before the amount's own date:
 * open opportunities at created_at, closed ones at close_date, subscriptions at start_date,
 * targets at period_start. A foreign amount without such a rate is UNKNOWN_CURRENCY.
 */
public final class Currencies {
  /** The rate a row's amounts are multiplied by; 1 for the base currency. */
  public static final String RATE = "_rate_to_base";
  private static final String[] LINEAGE = {CanonicalTable.SOURCE_FILE, CanonicalTable.SOURCE_LINE};
  private static final String ON = "_conversion_date";

  private Currencies() {}

  /** The date whose rate converts a row's amount, or empty for tables without money. */
  public static Optional<Column> conversionDate(CanonicalTable table, LocalDate runDate) {
    return switch (table) {
      case OPPORTUNITIES -> Optional.of(
          when(col("is_closed").and(col("close_date").leq(lit(runDate))), col("close_date"))
              .otherwise(to_date(col("created_at"))));
      case SUBSCRIPTIONS -> Optional.of(col("start_date"));
      case TARGETS -> Optional.of(col("period_start"));
      default -> Optional.empty();
    };
  }

  /**
   * Adds {@link #RATE} to every row of a money table; the rate is NULL where a foreign currency
   * has no rate on or before the conversion date. The session time zone must be the reporting zone.
   */
  public static Dataset<Row> withRate(CanonicalTable table, Dataset<Row> rows, Dataset<Row> fxRates,
      String baseCurrency, LocalDate runDate) {
    Column date = conversionDate(table, runDate).orElseThrow();
    Column isBase = col("currency").isNull().or(col("currency").equalTo(lit(baseCurrency)));
    Dataset<Row> dated = rows.withColumn(ON, date);
    Dataset<Row> foreign = dated.filter(functions.not(isBase));
    Dataset<Row> rates = fxRates.select(col("currency").as("_fx_currency"), col("rate_date").as("_fx_date"),
        col("rate_to_base").as("_fx_rate"));
    Dataset<Row> matched = foreign
        .join(rates, col("currency").equalTo(col("_fx_currency")).and(col("_fx_date").leq(col(ON))), "left")
        // File and line identify a parsed row.
        .groupBy(CanonicalTable.SOURCE_FILE, CanonicalTable.SOURCE_LINE)
        .agg(max_by(col("_fx_rate"), col("_fx_date")).as(RATE));
    Dataset<Row> convertedForeign = foreign.join(matched, LINEAGE);
    Dataset<Row> base = dated.filter(isBase).withColumn(RATE, lit(BigDecimal.ONE).cast(ColumnType.POSITIVE_DECIMAL.sparkType()));
    return base.unionByName(convertedForeign).drop(ON);
  }

  public static Dataset<Row> unknown(Dataset<Row> withRate) {
    return Rejections.of(withRate.filter(col(RATE).isNull()).drop(RATE), RejectReason.UNKNOWN_CURRENCY, "currency",
        concat(lit("no rate to the base currency for '"), col("currency"), lit("' on or before the amount's date")));
  }
}

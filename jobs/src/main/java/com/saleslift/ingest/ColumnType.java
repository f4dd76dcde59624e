package com.saleslift.ingest;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The value types of docs/inputs.md, each with the Spark type its parsed values are stored as. */
public enum ColumnType {
  STRING(DataTypes.StringType),
  /** Free text stored upper-cased (lead_source). */
  UPPER_STRING(DataTypes.StringType),
  ENUM(DataTypes.StringType),
  /** Whole number >= 0 (employees, seats, minutes). */
  COUNT(DataTypes.LongType),
  /** Decimal >= 0 in major units. */
  MONEY(Decimals.TYPE),
  /** Decimal > 0 (target amounts, exchange rates). */
  POSITIVE_DECIMAL(Decimals.TYPE),
  BOOLEAN(DataTypes.BooleanType),
  /** An instant; naive values are read in source_timezone. */
  TIMESTAMP(DataTypes.TimestampType),
  DATE(DataTypes.DateType),
  /** ISO 4217 code, upper-cased; NULL means the base currency. */
  CURRENCY(DataTypes.StringType);

  private final DataType sparkType;

  ColumnType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }

  /** Holder so the enum constants can name the type (an enum's own statics come after its constants). */
  private static final class Decimals {
    /** Wide enough for any amount in major units with sub-cent precision (mrr after discounts). */
    static final DataType TYPE = DataTypes.createDecimalType(28, 8);
  }
}

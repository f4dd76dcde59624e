package com.saleslift.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parsed rows written straight to a Parquet file, row by row, in the Parquet types Spark reads
 * back as the table's schema (strings, UTC timestamps in microseconds, dates, longs, booleans,
 * decimals). The parse cache keeps its data this way: no Spark job per file, flat memory.
 */
public final class ParquetRows implements AutoCloseable {
  private final StructType schema;
  private final SimpleGroupFactory groups;
  private final ParquetWriter<Group> writer;

  ParquetRows(Path file, StructType schema) throws IOException {
    this.schema = schema;
    MessageType type = messageType(schema);
    this.groups = new SimpleGroupFactory(type);
    this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withType(type)
        // Uncompressed (dictionary encoding still applies): Snappy would first extract its native
        // library to disk, and on a full disk that library prints its own stack trace to stderr.
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  static MessageType messageType(StructType schema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      fields.add(fieldType(f.dataType()).named(f.name()));
    }
    return new MessageType("row", fields);
  }

  private static Types.PrimitiveBuilder<? extends Type> fieldType(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType());
    }
    if (type.equals(DataTypes.TimestampType)) {
      return Types.optional(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
    }
    if (type.equals(DataTypes.DateType)) {
      return Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType());
    }
    if (type.equals(DataTypes.LongType)) {
      return Types.optional(PrimitiveTypeName.INT64);
    }
    if (type.equals(DataTypes.BooleanType)) {
      return Types.optional(PrimitiveTypeName.BOOLEAN);
    }
    if (type instanceof DecimalType d) {
      return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(d.scale(), d.precision()));
    }
    throw new IllegalArgumentException("no Parquet type for " + type);
  }

  void write(Row row) {
    Group g = groups.newGroup();
    for (int i = 0; i < schema.fields().length; i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      Object v = row.get(i);
      DataType type = schema.fields()[i].dataType();
      if (v instanceof String s) {
        g.add(i, s);
      } else if (v instanceof Instant t) {
        g.add(i, Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000));
      } else if (v instanceof LocalDate d) {
        g.add(i, Math.toIntExact(d.toEpochDay()));
      } else if (v instanceof Long l) {
        g.add(i, l);
      } else if (v instanceof Boolean b) {
        g.add(i, b);
      } else if (v instanceof BigDecimal d && type instanceof DecimalType dt) {
        g.add(i, Binary.fromConstantByteArray(d.setScale(dt.scale(), RoundingMode.UNNECESSARY).unscaledValue().toByteArray()));
      } else {
        throw new IllegalArgumentException("no Parquet value for " + v.getClass().getSimpleName() + " in " + schema.fields()[i].name());
      }
    }
    try {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}

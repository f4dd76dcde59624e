package com.saleslift.run;

import com.saleslift.metrics.MetricColumn;
import com.saleslift.metrics.MetricTable;
import com.saleslift.storage.Storage;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Parquet copies of the published tables (`metrics/parquet/<table>/`) for analysts' tools:
 * the same values as the CSV files, typed (dates, whole numbers, decimals with the CSV's scale).
 * A metric table is already on the driver as cells; it is written from there by Parquet's own
 * writer (one file, no Spark job), as Spark would have written it: one part file in gzip, which
 * any Parquet reader can open (older ones do not know the job's LZ4_RAW), and a `_SUCCESS` marker.
 */
public final class ParquetTables {
  static final String PART = "part-00000.gz.parquet";
  private static final int DECIMAL_PRECISION = 38;
  /** The bytes of a two's-complement unscaled value of precision 38, as Spark writes such decimals. */
  private static final int DECIMAL_BYTES = 16;

  private ParquetTables() {}

  /**
   * Writes {@code table} into the new folder {@code dir}, each column typed as {@code definition}
   * declares it; a column the definition does not know (a table read back from an older run) is text.
   */
  public static void write(MetricTable definition, ResultTable table, Path dir) throws IOException {
    List<MetricColumn.Kind> kinds = table.columns().stream().map(c -> definition.columns().stream()
        .filter(d -> d.name().equals(c)).findFirst().map(MetricColumn::kind).orElse(MetricColumn.Kind.TEXT)).toList();
    MessageType schema = schema(table.columns(), kinds);
    Files.createDirectories(dir);
    try (ParquetWriter<Group> writer = partWriter(dir, schema)) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      for (List<String> cells : table.rows()) {
        Group row = groups.newGroup();
        for (int i = 0; i < cells.size(); i++) {
          if (!cells.get(i).isEmpty()) {
            add(row, i, kinds.get(i), cells.get(i));
          }
        }
        writer.write(row);
      }
    }
    Files.write(dir.resolve("_SUCCESS"), new byte[0]);
  }

  /**
   * A table folder written by {@link #write(MetricTable, ResultTable, Path)} read back as the cells
   * its CSV holds (decimals at their written scale, dates ISO, empty for a missing value).
   *
   * @throws IOException when the folder has no part file or a part cannot be read
   */
  public static ResultTable read(String name, Path dir) throws IOException {
    Path part = dir.resolve(PART);
    if (!Files.isRegularFile(part)) {
      throw new IOException("no " + PART);
    }
    List<List<String>> rows = new java.util.ArrayList<>();
    MessageType schema;
    try {
      schema = readRows(part, (fields, row) -> {
        List<String> cells = new java.util.ArrayList<>(fields.getFieldCount());
        for (int c = 0; c < fields.getFieldCount(); c++) {
          cells.add(row.getFieldRepetitionCount(c) == 0 ? "" : cell(row, c, fields.getType(c).asPrimitiveType()));
        }
        rows.add(cells);
      });
    } catch (RuntimeException e) {
      // Parquet reports a damaged file as an unchecked exception; to a caller it is an unreadable folder.
      throw new IOException(e.getMessage(), e);
    }
    return new ResultTable(name, schema.getFields().stream().map(org.apache.parquet.schema.Type::getName).toList(), rows);
  }

  private static String cell(Group row, int field, org.apache.parquet.schema.PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case INT32 -> LocalDate.ofEpochDay(row.getInteger(field, 0)).toString();
      case INT64 -> Long.toString(row.getLong(field, 0));
      case FIXED_LEN_BYTE_ARRAY -> new BigDecimal(new java.math.BigInteger(row.getBinary(field, 0).getBytes()),
          ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getScale()).toPlainString();
      default -> row.getString(field, 0);
    };
  }

  /** A Dataset (the account-level drill-down) as one part file, by Spark. */
  public static void write(Dataset<Row> rows, Path dir) {
    rows.coalesce(1).write().mode("overwrite").option("compression", "gzip").parquet(dir.toUri().toString());
  }

  /**
   * The rows of the part files in {@code from} that {@code keep} accepts, with their schema, as one
   * part file in the new folder {@code dir}: an ad-hoc window of a published drill-down, without Spark.
   */
  public static void copyRows(Path from, Path dir, Predicate<Group> keep) throws IOException {
    List<Path> parts;
    try (Stream<Path> list = Files.list(from)) {
      parts = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    Files.createDirectories(dir);
    // One writer, with the first part's schema: even no row kept leaves a readable part.
    java.util.concurrent.atomic.AtomicReference<ParquetWriter<Group>> writer = new java.util.concurrent.atomic.AtomicReference<>();
    try {
      for (Path part : parts) {
        MessageType schema = readRows(part, (fields, row) -> {
          if (keep.test(row)) {
            if (writer.get() == null) {
              writer.set(partWriter(dir, fields));
            }
            writer.get().write(row);
          }
        });
        if (writer.get() == null) {
          writer.set(partWriter(dir, schema));
        }
      }
    } finally {
      if (writer.get() != null) {
        writer.get().close();
      }
    }
    Files.write(dir.resolve("_SUCCESS"), new byte[0]);
  }

  /** What is done with each row of a part file, in file order, given the file's schema. */
  @FunctionalInterface
  private interface RowVisitor {
    void row(MessageType schema, Group row) throws IOException;
  }

  /** Every row of one part file, read without Spark; returns the file's schema. */
  private static MessageType readRows(Path part, RowVisitor visitor) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(part.toUri()), Storage.configuration()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        RecordReader<Group> rows = new ColumnIOFactory().getColumnIO(schema).getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          visitor.row(schema, rows.read());
        }
      }
      return schema;
    }
  }

  /** The one part file of a table folder, in gzip. */
  private static ParquetWriter<Group> partWriter(Path dir, MessageType schema) throws IOException {
    return ExampleParquetWriter.builder(new LocalOutputFile(dir.resolve(PART))).withType(schema)
        .withCompressionCodec(CompressionCodecName.GZIP).build();
  }

  static MessageType schema(List<String> names, List<MetricColumn.Kind> kinds) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      message.addField(switch (kinds.get(i)) {
        case TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
        case INTEGER -> Types.optional(PrimitiveTypeName.INT64).named(name);
        case MONEY, MONEY_RATIO, DECIMAL, RATIO -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(DECIMAL_BYTES)
            .as(LogicalTypeAnnotation.decimalType(scale(kinds.get(i)), DECIMAL_PRECISION)).named(name);
      });
    }
    return message.named("spark_schema");
  }

  private static int scale(MetricColumn.Kind kind) {
    return kind == MetricColumn.Kind.MONEY || kind == MetricColumn.Kind.MONEY_RATIO ? 2 : 4;
  }

  private static void add(Group row, int field, MetricColumn.Kind kind, String cell) {
    switch (kind) {
      case TEXT -> row.add(field, cell);
      case DATE -> row.add(field, (int) LocalDate.parse(cell).toEpochDay());
      case INTEGER -> row.add(field, Long.parseLong(cell));
      default -> row.add(field, Binary.fromConstantByteArray(unscaled(new BigDecimal(cell).setScale(scale(kind)))));
    }
  }

  /** The unscaled value as 16 big-endian bytes, sign-extended. */
  private static byte[] unscaled(BigDecimal value) {
    byte[] minimal = value.unscaledValue().toByteArray();
    byte[] bytes = new byte[DECIMAL_BYTES];
    byte sign = (byte) (value.signum() < 0 ? -1 : 0);
    java.util.Arrays.fill(bytes, 0, DECIMAL_BYTES - minimal.length, sign);
    System.arraycopy(minimal, 0, bytes, DECIMAL_BYTES - minimal.length, minimal.length);
    return bytes;
  }
}

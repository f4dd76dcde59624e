package com.saleslift.ingest;

import java.util.Set;

/**
 * One column of a canonical table: its type, whether it is required, its enum values and the
 * table it references (a foreign key), as inputs.md lists them.
 */
public record ColumnSpec(String name, ColumnType type, boolean required, Set<String> enumValues, String references) {

  public static ColumnSpec required(String name, ColumnType type) {
    return new ColumnSpec(name, type, true, Set.of(), null);
  }

  public static ColumnSpec optional(String name, ColumnType type) {
    return new ColumnSpec(name, type, false, Set.of(), null);
  }

  public static ColumnSpec requiredEnum(String name, String... values) {
    return new ColumnSpec(name, ColumnType.ENUM, true, Set.of(values), null);
  }

  public static ColumnSpec optionalEnum(String name, String... values) {
    return new ColumnSpec(name, ColumnType.ENUM, false, Set.of(values), null);
  }

  /** A string column holding the key of another table's row. */
  public static ColumnSpec reference(String name, boolean required, String table) {
    return new ColumnSpec(name, ColumnType.STRING, required, Set.of(), table);
  }
}

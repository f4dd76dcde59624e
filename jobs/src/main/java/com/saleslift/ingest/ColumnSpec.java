package com.saleslift.ingest;

import java.util.Optional;
import java.util.Set;

/**
 * One column of a canonical table: its type, whether it is required, its enum values, the table
 * it references (a foreign key), the rule that ties it to another column of its row (a BAD_RANGE
 * reject when broken) and whether it orders the versions of a re-exported row, as the input
 * contract lists them.
 */
public record ColumnSpec(String name, ColumnType type, boolean required, Set<String> enumValues, String references,
    Optional<Pairing> pairing, boolean versions) {

  /** How a column must agree with another column of the same row. */
  public record Pairing(Rule rule, String other) {
    public enum Rule {
      /** The column's date, when both are given, is after the other's (an end after its start). */
      AFTER,
      /** The column may be true only when the other is true (won only when closed). */
      ONLY_WITH,
      /** The column must be given when the other is true (a close date when closed). */
      REQUIRED_WITH
    }

    /** "end_date is not after start_date", or null when the two values agree. */
    String problem(String column, Object value, Object otherValue) {
      return switch (rule) {
        case AFTER -> value != null && otherValue != null
            && !((java.time.LocalDate) value).isAfter((java.time.LocalDate) otherValue) ? column + " is not after " + other : null;
        case ONLY_WITH -> Boolean.TRUE.equals(value) && !Boolean.TRUE.equals(otherValue) ? column + " without " + other : null;
        case REQUIRED_WITH -> value == null && Boolean.TRUE.equals(otherValue) ? other + " without " + column : null;
      };
    }
  }

  public static ColumnSpec required(String name, ColumnType type) {
    return new ColumnSpec(name, type, true, Set.of(), null, Optional.empty(), false);
  }

  public static ColumnSpec optional(String name, ColumnType type) {
    return new ColumnSpec(name, type, false, Set.of(), null, Optional.empty(), false);
  }

  public static ColumnSpec requiredEnum(String name, java.util.List<String> values) {
    return new ColumnSpec(name, ColumnType.ENUM, true, Set.copyOf(values), null, Optional.empty(), false);
  }

  public static ColumnSpec optionalEnum(String name, java.util.List<String> values) {
    return new ColumnSpec(name, ColumnType.ENUM, false, Set.copyOf(values), null, Optional.empty(), false);
  }

  /** A string column holding the key of another table's row. */
  public static ColumnSpec reference(String name, boolean required, String table) {
    return new ColumnSpec(name, ColumnType.STRING, required, Set.of(), table, Optional.empty(), false);
  }

  /** This column, tied to {@code other} by {@code rule}. */
  public ColumnSpec pairedWith(Pairing.Rule rule, String other) {
    return new ColumnSpec(name, type, required, enumValues, references, Optional.of(new Pairing(rule, other)), versions);
  }

  /**
   * This column orders the versions of one key: the row with its newest value is kept and the
   * older ones dropped (an empty value is oldest), instead of two rows of one key being a conflict.
   */
  public ColumnSpec ordersVersions() {
    return new ColumnSpec(name, type, required, enumValues, references, pairing, true);
  }
}

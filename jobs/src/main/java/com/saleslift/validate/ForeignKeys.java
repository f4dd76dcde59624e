package com.saleslift.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnSpec;
import com.saleslift.ingest.RejectReason;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Foreign keys, checked against the parent's accepted rows only: the child of a rejected
 * parent is ORPHAN too. A NULL optional reference is no orphan. As Spark queries, for usage
 * events; {@link RowRules} checks the tables held in the driver's memory the same way.
 */
public final class ForeignKeys {
  private static final String PARENT = "_parent_key";

  /** Rows whose reference resolves (or is NULL), and the orphans marked for rejection. */
  public record Result(Dataset<Row> kept, Dataset<Row> orphans) {}

  private ForeignKeys() {}

  public static Result check(Dataset<Row> rows, ColumnSpec reference, Dataset<Row> parent, String parentKey) {
    Dataset<Row> keys = parent.select(col(parentKey).as(PARENT)).distinct();
    Dataset<Row> joined = rows.join(keys, col(reference.name()).equalTo(col(PARENT)), "left");
    Dataset<Row> orphans = joined.filter(col(reference.name()).isNotNull().and(col(PARENT).isNull())).drop(PARENT);
    Dataset<Row> kept = joined.filter(col(reference.name()).isNull().or(col(PARENT).isNotNull())).drop(PARENT);
    return new Result(kept, Rejections.of(orphans, RejectReason.ORPHAN, reference.name(),
        concat(lit("unknown " + reference.references() + " key '"), col(reference.name()), lit("'"))));
  }

  /** The key column of a referenced table (every canonical parent has a one-column key). */
  public static String keyOf(CanonicalTable parent) {
    return parent.key().get(0);
  }
}

package com.saleslift.validate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ColumnSpec;
import com.saleslift.ingest.NearMiss;
import com.saleslift.ingest.Reject;
import com.saleslift.ingest.RejectReason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Foreign keys, checked against the parent's accepted rows only: the child of a rejected
 * parent is ORPHAN too. A NULL optional reference is no orphan. As Spark queries, for usage
 * events; {@link RowRules} checks the tables held in the driver's memory the same way.
 *
 * <p>The checks mark rows rather than split them, so that one pass over tens of millions of
 * events checks every reference and the few orphans are picked out afterwards.
 */
public final class ForeignKeys {
  /** The column naming the first reference a row fails; NULL when none does. */
  public static final String ORPHAN_OF = "_orphan_of";
  private static final String PARENT = "_parent_key";

  private ForeignKeys() {}

  /** The rows with an {@link #ORPHAN_OF} column, no reference checked yet. */
  public static Dataset<Row> unmarked(Dataset<Row> rows) {
    return rows.withColumn(ORPHAN_OF, lit(null).cast(DataTypes.StringType));
  }

  /** Marks, among the rows {@code checked} selects and not marked yet, those whose reference does not resolve. */
  public static Dataset<Row> mark(Dataset<Row> rows, Column checked, ColumnSpec reference, Dataset<Row> parent,
      String parentKey) {
    // Broadcast: Spark knows no size for the parent's rows (built from the driver's), so it
    // would shuffle every event to join them. A million accounts' keys are some tens of MB.
    Dataset<Row> keys = broadcast(parent.select(col(parentKey).as(PARENT)).distinct());
    Column orphan = checked.and(col(ORPHAN_OF).isNull())
        .and(col(reference.name()).isNotNull()).and(col(PARENT).isNull());
    return rows.join(keys, col(reference.name()).equalTo(col(PARENT)), "left")
        .withColumn(ORPHAN_OF, when(orphan, lit(reference.name())).otherwise(col(ORPHAN_OF)))
        .drop(PARENT);
  }

  /** The rows {@link #mark} marked for this reference, as rejections. */
  public static Dataset<Row> orphans(Dataset<Row> marked, ColumnSpec reference) {
    return Rejections.of(marked.filter(col(ORPHAN_OF).equalTo(reference.name())).drop(ORPHAN_OF),
        RejectReason.ORPHAN, reference.name(),
        concat(lit("unknown " + reference.references() + " key '"), col(reference.name()), lit("'")));
  }

  /** The key column of a referenced table (every canonical parent has a one-column key). */
  public static String keyOf(CanonicalTable parent) {
    return parent.key().get(0);
  }

  /**
   * The orphans' details with the parent key each nearly is ("unknown products key 'gtxpro'
   * (did you mean 'GTX Pro'?)"): the parent keys are matched on their normalized form in Spark,
   * and only those that match one of the few orphan values come to the driver.
   */
  public static List<Reject> withNearMisses(List<Reject> rejects, ColumnSpec reference, Dataset<Row> parent, String parentKey) {
    Set<String> values = new HashSet<>();
    rejects.stream().filter(r -> r.reason() == RejectReason.ORPHAN && r.column().equals(reference.name()))
        .forEach(r -> values.add(NearMiss.normalized(r.fields().getOrDefault(reference.name(), ""))));
    values.remove("");
    if (values.isEmpty()) {
      return rejects;
    }
    Column normalized = regexp_replace(lower(col(parentKey)), NearMiss.IGNORED, "");
    List<String> twins = parent.select(col(parentKey)).filter(normalized.isin(values.toArray())).distinct()
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    if (twins.isEmpty()) {
      return rejects;
    }
    NearMiss nearMiss = new NearMiss(twins);
    return rejects.stream().map(r -> r.reason() != RejectReason.ORPHAN || !r.column().equals(reference.name()) ? r
        : new Reject(r.sourceFile(), r.line(), r.reason(), r.column(),
            r.detail() + nearMiss.hint(r.fields().getOrDefault(reference.name(), "")), r.fields())).toList();
  }
}

package com.saleslift.validate;

import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.Reject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The accepted rows of every canonical table (an absent optional table is empty) but usage
 * events, which later stages read as their {@link UsageRollup}; with the rejects and counts of
 * each. A refusal is kept as a value so its rejects can still be written.
 */
public record ValidatedInput(Map<CanonicalTable, Dataset<Row>> accepted, UsageRollup usage, Set<CanonicalTable> present,
    Map<CanonicalTable, TableReport> reports, Map<CanonicalTable, List<Reject>> rejects, Hierarchy hierarchy) {

  public Dataset<Row> table(CanonicalTable table) {
    return accepted.get(table);
  }

  /** Which metric tables the accepted rows can support, and whether the channel can be known. */
  public com.saleslift.table.DataSupport support() {
    java.util.Map<String, Long> accepted = new java.util.HashMap<>();
    reports.values().forEach(r -> accepted.put(r.table(), r.accepted()));
    return com.saleslift.table.DataSupport.of(accepted);
  }

  /** The first table whose reject ratio exceeds the limit, as the one-line reason to refuse the run. */
  public Optional<String> refusal(BigDecimal maxRejectRatio) {
    for (CanonicalTable table : CanonicalTable.values()) {
      TableReport report = reports.get(table);
      if (report != null && report.rejectRatio().compareTo(maxRejectRatio) > 0) {
        Reject first = rejects.get(table).get(0);
        return Optional.of(String.format(java.util.Locale.ROOT,
            "%s: %d of %d rows rejected (ratio %s, above max_reject_ratio %s); first: %s line %d column '%s': %s %s",
            table.tableName(), report.rejectedTotal(), report.read() - report.duplicatesDropped() - report.future(),
            report.rejectRatio().stripTrailingZeros().toPlainString(), maxRejectRatio.toPlainString(),
            first.sourceFile(), first.line(), first.column(), first.reason(), first.detail()));
      }
    }
    return Optional.empty();
  }
}

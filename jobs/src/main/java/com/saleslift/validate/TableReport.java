package com.saleslift.validate;

import com.saleslift.ingest.RejectReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SortedMap;

/** What validation saw of one table; goes into run.json and the data-quality numbers. */
public record TableReport(String table, List<String> files, long read, long accepted,
    SortedMap<RejectReason, Long> rejected, long duplicatesDropped, long future, List<String> warnings) {

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rejected rows per reason code, by name, in reason order: run.json and the report show them so. */
  public java.util.Map<String, Long> rejectedByReason() {
    java.util.Map<String, Long> byName = new java.util.LinkedHashMap<>();
    rejected.forEach((reason, n) -> byName.put(reason.name(), n));
    return byName;
  }

  /** rejected / (read - duplicates dropped - future), as docs/inputs.md defines it; 0 for an empty table. */
  public BigDecimal rejectRatio() {
    long base = read - duplicatesDropped - future;
    return base <= 0 ? BigDecimal.ZERO : BigDecimal.valueOf(rejectedTotal()).divide(BigDecimal.valueOf(base), 6, RoundingMode.HALF_UP);
  }
}

package com.saleslift.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The changes as one JSON object (`saleslift diff --format json`; its fields are documented in
 * docs/operations.md and kept stable): `{"from", "to", "schema", "rows", "figures", "lift", "lists",
 * "not_compared"}`, the last naming the tables a run could not read back.
 * Numbers are JSON numbers, exact as the tables hold them; rates and lifts in points are fractions.
 */
public final class ChangesJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChangesJson() {}

  public static String of(RunChanges changes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("from", changes.from().toString());
    root.put("to", changes.to().toString());
    ArrayNode schema = root.putArray("schema");
    changes.schema().forEach(s -> schema.addObject().put("table", s.table()).put("column", s.column()).put("change", s.change().name()));
    ArrayNode rows = root.putArray("rows");
    changes.rows().forEach(r -> rows.addObject().put("table", r.table()).put("from", r.from()).put("to", r.to()));
    ArrayNode figures = root.putArray("figures");
    changes.figures().forEach(f -> figures.addObject().put("figure", f.figure()).put("unit", f.unit().name().toLowerCase(Locale.ROOT))
        .put("from", f.from()).put("to", f.to()).put("change", f.change()).put("real", f.real()));
    ArrayNode lift = root.putArray("lift");
    for (RunChanges.LiftChange l : changes.lift()) {
      ObjectNode o = lift.addObject().put("segment", l.segment()).put("size_band", l.sizeBand()).put("outcome", l.outcome())
          .put("from_verdict", l.fromVerdict()).put("to_verdict", l.toVerdict()).put("from_lift", l.fromLift()).put("to_lift", l.toLift());
      interval(o, "from_ci", l.fromCi());
      interval(o, "to_ci", l.toCi());
    }
    ArrayNode lists = root.putArray("lists");
    changes.lists().forEach(c -> lists.addObject().put("list", c.list()).put("account_id", c.accountId())
        .put("account_name", c.accountName()).put("change", c.change().name()).put("from_rank", c.fromRank())
        .put("to_rank", c.toRank()).put("why", c.why()));
    new java.util.TreeSet<>(changes.notCompared()).forEach(root.putArray("not_compared")::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** `[low, high]`, or null when the cell had no interval. */
  private static void interval(ObjectNode o, String field, RunChanges.Interval ci) {
    if (ci == null) {
      o.putNull(field);
    } else {
      ArrayNode pair = o.putArray(field);
      pair.add((BigDecimal) ci.low());
      pair.add((BigDecimal) ci.high());
    }
  }
}

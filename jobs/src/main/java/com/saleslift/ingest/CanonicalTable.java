package com.saleslift.ingest;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.ingest.ColumnSpec.Pairing.Rule.AFTER;
import static com.saleslift.ingest.ColumnSpec.Pairing.Rule.ONLY_WITH;
import static com.saleslift.ingest.ColumnSpec.Pairing.Rule.REQUIRED_WITH;
import static com.saleslift.ingest.ColumnSpec.optional;
import static com.saleslift.ingest.ColumnSpec.optionalEnum;
import static com.saleslift.ingest.ColumnSpec.reference;
import static com.saleslift.ingest.ColumnSpec.required;
import static com.saleslift.ingest.ColumnSpec.requiredEnum;
import static com.saleslift.ingest.ColumnType.BOOLEAN;
import static com.saleslift.ingest.ColumnType.COUNT;
import static com.saleslift.ingest.ColumnType.CURRENCY;
import static com.saleslift.ingest.ColumnType.DATE;
import static com.saleslift.ingest.ColumnType.MONEY;
import static com.saleslift.ingest.ColumnType.POSITIVE_DECIMAL;
import static com.saleslift.ingest.ColumnType.STRING;
import static com.saleslift.ingest.ColumnType.TIMESTAMP;
import static com.saleslift.ingest.ColumnType.UPPER_STRING;

import com.saleslift.config.Codes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical input model of docs/inputs.md, version 1: each table with its columns, the key that
 * must be unique after de-duplication and the column that dates a row for the as-of filter.
 * Declared in dependency order, so a table's foreign keys point at tables validated before it.
 */
public enum CanonicalTable {
  REPS("reps", true, null, List.of("rep_id"),
      required("rep_id", STRING),
      optional("rep_name", STRING),
      requiredEnum("level", Codes.LEVELS),
      reference("manager_id", false, "reps"),
      optional("area", STRING),
      optional("hired_at", DATE),
      optional("left_at", DATE)),
  ACCOUNTS("accounts", true, null, List.of(ACCOUNT_ID),
      required(ACCOUNT_ID, STRING),
      optional("account_name", STRING),
      requiredEnum("segment", Codes.SEGMENTS),
      optional("employees", COUNT),
      optional("industry", STRING),
      optional("country", STRING),
      optional("region", STRING),
      reference("owner_rep_id", false, "reps"),
      required("created_at", TIMESTAMP)),
  PRODUCTS("products", true, null, List.of("product_id"),
      required("product_id", STRING),
      optional("product_name", STRING),
      optional("family", STRING),
      requiredEnum("lifecycle_stage", Codes.LIFECYCLE_STAGES),
      optional("launched_at", DATE)),
  FX_RATES("fx_rates", false, "rate_date", List.of("currency", "rate_date"),
      required("currency", CURRENCY),
      required("rate_date", DATE),
      required("rate_to_base", POSITIVE_DECIMAL)),
  TARGETS("targets", false, null, List.of("rep_id", "product_id", "target_type", "period_start"),
      reference("rep_id", true, "reps"),
      reference("product_id", true, "products"),
      requiredEnum("target_type", Codes.TARGET_TYPES),
      required("period_start", DATE),
      required("period_end", DATE).pairedWith(AFTER, "period_start"),
      required("amount", POSITIVE_DECIMAL),
      optional("currency", CURRENCY)),
  OPPORTUNITIES("opportunities", true, "created_at", List.of("opportunity_id"),
      required("opportunity_id", STRING),
      reference(ACCOUNT_ID, true, "accounts"),
      reference("owner_rep_id", true, "reps"),
      reference("product_id", true, "products"),
      requiredEnum("opportunity_type", Codes.OPPORTUNITY_TYPES),
      optional("stage", STRING),
      required("is_closed", BOOLEAN),
      required("is_won", BOOLEAN).pairedWith(ONLY_WITH, "is_closed"),
      optional("amount", MONEY),
      optional("currency", CURRENCY),
      optional("lead_source", UPPER_STRING),
      required("created_at", TIMESTAMP),
      optional("close_date", DATE).pairedWith(REQUIRED_WITH, "is_closed"),
      optional("last_modified_at", TIMESTAMP).ordersVersions()),
  ACTIVITIES("activities", true, "occurred_at", List.of("activity_id"),
      required("activity_id", STRING),
      reference("rep_id", true, "reps"),
      reference(ACCOUNT_ID, true, "accounts"),
      reference("opportunity_id", false, "opportunities"),
      requiredEnum("activity_type", Codes.ACTIVITY_TYPES),
      required("occurred_at", TIMESTAMP),
      optional("duration_minutes", COUNT)),
  SUBSCRIPTIONS("subscriptions", true, "start_date", List.of("subscription_id", "start_date"),
      required("subscription_id", STRING),
      reference(ACCOUNT_ID, true, "accounts"),
      reference("product_id", true, "products"),
      optional("plan", STRING),
      optional("seats", COUNT),
      required("mrr", MONEY),
      optional("currency", CURRENCY),
      required("start_date", DATE),
      optional("end_date", DATE).pairedWith(AFTER, "start_date")),
  USAGE_EVENTS("usage_events", true, "occurred_at", List.of("event_id"),
      required("event_id", STRING),
      required("occurred_at", TIMESTAMP),
      reference(ACCOUNT_ID, true, "accounts"),
      optional("user_id", STRING),
      reference("product_id", true, "products"),
      required("event_name", STRING)),
  FEATURE_REQUESTS("feature_requests", false, "raised_at", List.of("request_id"),
      required("request_id", STRING),
      reference(ACCOUNT_ID, true, "accounts"),
      reference("product_id", false, "products"),
      required("raised_at", TIMESTAMP),
      reference("raised_by_rep_id", false, "reps"),
      optionalEnum("channel", Codes.REQUEST_CHANNELS),
      optional("promised_date", DATE),
      requiredEnum("status", Codes.REQUEST_STATUSES),
      optional("shipped_at", DATE),
      optional("customer_notified_at", TIMESTAMP));

  /** Lineage columns carried beside the data so any later reject still names its source. */
  public static final String SOURCE_FILE = "_source_file";
  public static final String SOURCE_LINE = "_source_line";

  private final String tableName;
  private final boolean requiredTable;
  private final String asOfColumn;
  private final List<String> key;
  private final List<ColumnSpec> columns;

  CanonicalTable(String tableName, boolean requiredTable, String asOfColumn, List<String> key, ColumnSpec... columns) {
    this.tableName = tableName;
    this.requiredTable = requiredTable;
    this.asOfColumn = asOfColumn;
    this.key = key;
    this.columns = List.of(columns);
  }

  public String tableName() {
    return tableName;
  }

  public boolean requiredTable() {
    return requiredTable;
  }

  /** The column that dates a row for the as-of filter, if the table has one. */
  public Optional<String> asOfColumn() {
    return Optional.ofNullable(asOfColumn);
  }

  public List<String> key() {
    return key;
  }

  public List<ColumnSpec> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The column that orders the versions of one key (opportunities: last_modified_at), if any. */
  public Optional<ColumnSpec> versionColumn() {
    return columns.stream().filter(ColumnSpec::versions).findFirst();
  }

  public ColumnSpec column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(tableName + " has no column " + name));
  }

  /** The typed schema of accepted rows, lineage columns last. */
  public StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec c : columns) {
      fields.add(DataTypes.createStructField(c.name(), c.type().sparkType(), !c.required()));
    }
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SOURCE_LINE, DataTypes.LongType, false));
    return DataTypes.createStructType(fields);
  }

  public static Optional<CanonicalTable> byName(String name) {
    for (CanonicalTable t : values()) {
      if (t.tableName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

package com.saleslift.ingest.sources;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.ingest.sources.CanonicalRows.cells;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A HubSpot export (`hubspot/`, one CSV per object, internal property names as headers) mapped
 * onto the canonical reps, accounts, opportunities and activities: owners placed by the
 * `hierarchy.csv` the company keeps (HubSpot has no manager field), companies, deals (won and
 * closed from the stage metadata, the product from the largest line item), calls, emails and
 * meetings. Products, targets and rates are not in HubSpot and come as canonical tables.
 */
public final class HubSpot {
  public static final String FOLDER = "hubspot";
  /** HubSpot's flag on a record in the recycle bin. */
  private static final String ARCHIVED = "archived";
  private static final String KEY = "sources.hubspot.";
  /** Association columns: the ids of the record's companies or deals, separated by ';' (or ','). */
  static final String COMPANIES = "associated_company_ids";
  static final String DEALS = "associated_deal_ids";
  /**
   * A property's column: its internal name (`dealstage`), or as API and warehouse exports
   * prefix it (`properties.dealstage`, `properties_dealstage`, `property_dealstage`).
   */
  private static final List<String> PROPERTY_PREFIXES = List.of("", "properties.", "properties_", "property_");
  /** HubSpot's older APIs give times as Unix milliseconds. */
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{11,13}");
  private static final Pattern ID_SEPARATOR = Pattern.compile("[;,]");

  private final ExportFolder export;
  private final ValueParser values;
  private final SalesLiftConfig.HubSpot config;

  private HubSpot(Path folder, ValueParser values, SalesLiftConfig.HubSpot config) {
    this.export = new ExportFolder(folder, values);
    this.values = values;
    this.config = config;
  }

  /** The canonical tables this export holds; an object the export lacks gives no table. */
  public static Map<CanonicalTable, ParsedTable> read(Path folder, ValueParser values, SalesLiftConfig.HubSpot config) {
    return new HubSpot(folder, values, config).map();
  }

  private Map<CanonicalTable, ParsedTable> map() {
    owners();
    companies();
    Map<String, String> dealCompanies = deals();
    engagements(dealCompanies);
    return export.tables();
  }

  /**
   * owners + hierarchy.csv -> reps. Archived owners are kept: they are deactivated users who
   * still own the deals and calls of their time.
   */
  private void owners() {
    Map<String, SourceObject.Record> hierarchy = new HashMap<>();
    export.live("hierarchy", ARCHIVED).forEach(r -> hierarchy.put(r.get("owner_id"), r));
    export.each("owners", CanonicalTable.REPS, null, (r, rows) -> {
      String id = r.get("id");
      Optional<SourceObject.Record> place = Optional.ofNullable(hierarchy.get(id));
      Map<String, String> cells = cells("rep_id", id, "rep_name", (r.get("firstName") + " " + r.get("lastName")).strip(),
          "manager_id", place.map(p -> p.get("manager_owner_id")).orElse(""),
          "area", place.map(p -> p.get("area")).orElse(""), "level", place.map(p -> p.get("level")).orElse(""));
      if (r.problem() == null && place.isEmpty()) {
        rows.reject(r, cells, RejectReason.MISSING_REQUIRED, "level",
            "owner '" + id + "' has no row in hubspot/hierarchy.csv (owner_id, manager_owner_id, level)");
      } else {
        rows.add(r, cells);
      }
    });
  }

  /** companies -> accounts; B2B, or the segment from the configured company property. */
  private void companies() {
    export.each("companies", CanonicalTable.ACCOUNTS, ARCHIVED, (r, rows) -> {
      Map<String, String> cells = cells(ACCOUNT_ID, id(r), "account_name", property(r, "name"), "segment", "B2B",
          "employees", property(r, "numberofemployees"), "industry", property(r, "industry"),
          "country", property(r, "country"), "region", property(r, "state"), "owner_rep_id", property(r, "hubspot_owner_id"),
          "created_at", time(property(r, "createdate")));
      if (config.segmentProperty().isEmpty() || r.problem() != null) {
        rows.add(r, cells);
      } else {
        rows.addMapped(r, cells, "segment", property(r, config.segmentProperty()), config.segments(),
            "companies." + config.segmentProperty(), KEY + "segments");
      }
    });
  }

  /**
   * deals (+ line_items for the product, + deal_stages for won and closed) -> opportunities;
   * returns each deal's company, which an engagement logged only against the deal belongs to.
   */
  private Map<String, String> deals() {
    Map<String, SourceObject.Record> stages = new HashMap<>();
    boolean stageExport = export.object("deal_stages").isPresent();
    export.live("deal_stages", ARCHIVED).forEach(r -> stages.put(r.get("stage_id").isEmpty() ? r.get("id") : r.get("stage_id"), r));
    Map<String, SourceObject.Record> productLine = ExportFolder.largestPerParent(export.live("line_items", ARCHIVED),
        r -> firstId(r.get(DEALS)), "amount", HubSpot::id);
    Map<String, String> dealCompanies = new HashMap<>();
    export.each("deals", CanonicalTable.OPPORTUNITIES, ARCHIVED, (r, rows) -> {
      String id = id(r);
      String company = firstId(r.get(COMPANIES));
      String dealType = property(r, "dealtype");
      String stageId = property(r, "dealstage");
      Optional<SourceObject.Record> stage = Optional.ofNullable(stages.get(stageId));
      SourceObject.Record line = productLine.get(id);
      dealCompanies.put(id, company);
      Map<String, String> cells = cells("opportunity_id", id, ACCOUNT_ID, company,
          "owner_rep_id", property(r, "hubspot_owner_id"), "product_id", line == null ? "" : product(line),
          "opportunity_type", dealType, "stage", stage.map(s -> s.get("label")).orElse(stageId),
          "is_closed", stage.map(HubSpot::isClosed).orElse(property(r, "hs_is_closed")),
          "is_won", stage.map(HubSpot::isWon).orElse(property(r, "hs_is_closed_won")),
          "amount", property(r, "amount"), "currency", property(r, "deal_currency_code"),
          "lead_source", property(r, "hs_analytics_source"), "created_at", time(property(r, "createdate")),
          "close_date", date(property(r, "closedate")), "last_modified_at", time(property(r, "hs_lastmodifieddate")));
      if (r.problem() != null) {
        rows.add(r, cells);
      } else if (stageExport && stage.isEmpty()) {
        rows.reject(r, cells, RejectReason.ORPHAN, "stage", "dealstage '" + stageId + "' is not in hubspot/deal_stages.csv");
      } else if (cells.get("is_closed").isEmpty() || cells.get("is_won").isEmpty()) {
        rows.reject(r, cells, RejectReason.MISSING_REQUIRED, "is_closed", "no stage metadata for dealstage '" + stageId
            + "': export hubspot/deal_stages.csv, or the deal properties hs_is_closed and hs_is_closed_won");
      } else if (line == null) {
        rows.reject(r, cells, RejectReason.MISSING_REQUIRED, "product_id", "the deal has no line item to take its product from");
      } else {
        rows.addMapped(r, cells, "opportunity_type", dealType, config.dealTypes(), "deals.dealtype", KEY + "deal_types");
      }
    });
    return dealCompanies;
  }

  /** A stage's `metadata.isClosed`, as the pipelines API gives it. */
  private static String isClosed(SourceObject.Record stage) {
    return String.valueOf(metadata(stage, "isClosed").equalsIgnoreCase("true"));
  }

  /** A won stage is a closed one with probability 1 (closed lost has 0), whatever its label says. */
  private static String isWon(SourceObject.Record stage) {
    try {
      return String.valueOf(Boolean.parseBoolean(isClosed(stage))
          && new BigDecimal(metadata(stage, "probability")).compareTo(BigDecimal.ONE) == 0);
    } catch (NumberFormatException e) {
      return "false";
    }
  }

  private static String metadata(SourceObject.Record stage, String field) {
    return stage.get(field).isEmpty() ? stage.get("metadata." + field) : stage.get(field);
  }

  /** A line item's product: its SKU when set (as a product code), else the HubSpot product id. */
  private static String product(SourceObject.Record line) {
    return property(line, "hs_sku").isEmpty() ? property(line, "hs_product_id") : property(line, "hs_sku");
  }

  /**
   * calls, emails and meetings -> activities. Incoming emails are left out (the customer wrote
   * them: not a sales touch) and counted; a meeting's type is MEETING unless `meeting_types`
   * maps its `hs_activity_type`.
   */
  private void engagements(Map<String, String> dealCompanies) {
    export.each("calls", CanonicalTable.ACTIVITIES, ARCHIVED, (r, rows) -> rows.add(r, activity(r, dealCompanies, "CALL",
        time(property(r, "hs_timestamp")), ExportFolder.wholeMinutes(property(r, "hs_call_duration"), 60_000))));
    long[] incoming = {0};
    export.each("emails", CanonicalTable.ACTIVITIES, ARCHIVED, (r, rows) -> {
      if (r.problem() == null && property(r, "hs_email_direction").equalsIgnoreCase("INCOMING_EMAIL")) {
        incoming[0]++;
      } else {
        rows.add(r, activity(r, dealCompanies, "EMAIL", time(property(r, "hs_timestamp")), ""));
      }
    }).filter(emails -> incoming[0] > 0).ifPresent(emails -> export.warn(CanonicalTable.ACTIVITIES,
        emails.files().get(0) + ": " + incoming[0] + " incoming emails left out (written by the customer, not a sales touch)"));
    export.each("meetings", CanonicalTable.ACTIVITIES, ARCHIVED, (r, rows) -> {
      String start = time(property(r, "hs_meeting_start_time").isEmpty() ? property(r, "hs_timestamp") : property(r, "hs_meeting_start_time"));
      String meetingType = property(r, "hs_activity_type");
      String type = config.meetingTypes().getOrDefault(meetingType, "MEETING");
      if (type.equals(SalesLiftConfig.LEFT_OUT)) {
        rows.leaveOut(r, "meetings.hs_activity_type '" + meetingType + "'", KEY + "meeting_types");
        return;
      }
      rows.add(r, activity(r, dealCompanies, type, start, minutesBetween(start, time(property(r, "hs_meeting_end_time")))));
    });
  }

  /** An engagement's cells: its company, else the company of its deal. */
  private static Map<String, String> activity(SourceObject.Record r, Map<String, String> dealCompanies, String type, String time,
      String minutes) {
    String deal = firstId(r.get(DEALS));
    String company = firstId(r.get(COMPANIES));
    return cells("activity_id", id(r), "rep_id", property(r, "hubspot_owner_id"),
        ACCOUNT_ID, company.isEmpty() ? dealCompanies.getOrDefault(deal, "") : company, "opportunity_id", deal,
        "activity_type", type, "occurred_at", time, "duration_minutes", minutes);
  }

  private static String minutesBetween(String start, String end) {
    try {
      return ExportFolder.wholeMinutes(String.valueOf(Duration.between(Instant.parse(start), Instant.parse(end)).toMillis()), 60_000);
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  /** A record's id: `hs_object_id`, else `id` as the API names it. */
  private static String id(SourceObject.Record r) {
    return property(r, "hs_object_id").isEmpty() ? r.get("id") : property(r, "hs_object_id");
  }

  /** A property's text, under its internal name or an export's prefixed name. */
  private static String property(SourceObject.Record r, String name) {
    return PROPERTY_PREFIXES.stream().map(prefix -> r.get(prefix + name)).filter(v -> !v.isEmpty()).findFirst().orElse("");
  }

  /** The first id of an association column. */
  private static String firstId(String ids) {
    return Arrays.stream(ID_SEPARATOR.split(ids)).map(String::strip).filter(id -> !id.isEmpty()).findFirst().orElse("");
  }

  /** A HubSpot time (ISO, or Unix milliseconds) as ISO; anything else as it is, for the row rules to judge. */
  private static String time(String text) {
    return EPOCH_MILLIS.matcher(text).matches() ? Instant.ofEpochMilli(Long.parseLong(text)).toString() : text;
  }

  /** `closedate` is a timestamp in HubSpot: its date in the source time zone; a plain date stays as it is. */
  private String date(String text) {
    return values.sourceDate(time(text)).map(LocalDate::toString).orElse(text);
  }
}

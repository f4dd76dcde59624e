package com.saleslift.ingest.sources;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.ingest.sources.CanonicalRows.cells;
import static com.saleslift.ingest.sources.SalesforceIds.to18;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Salesforce Data Loader export (`salesforce/`, one CSV per object, API names as headers)
 * mapped onto the canonical accounts, reps, products, opportunities, activities, targets and
 * fx_rates, by the rules of docs/inputs.md and the value maps of `sources.salesforce`.
 */
public final class Salesforce {
  public static final String FOLDER = "salesforce";
  /** `2024-01-05T09:00:00.000+0000`, as Salesforce writes datetimes. */
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
  private static final String ACCOUNT_PREFIX = "001";
  private static final String OPPORTUNITY_PREFIX = "006";

  private static final String DELETED = "IsDeleted";
  private static final String KEY = "sources.salesforce.";

  private final ExportFolder export;
  private final SalesLiftConfig.Salesforce config;

  private Salesforce(Path folder, ValueParser values, SalesLiftConfig.Salesforce config) {
    this.export = new ExportFolder(folder, values);
    this.config = config;
  }

  /** The canonical tables this export holds; an object the export lacks gives no table. */
  public static Map<CanonicalTable, ParsedTable> read(Path folder, ValueParser values, SalesLiftConfig.Salesforce config) {
    return new Salesforce(folder, values, config).map();
  }

  private Map<CanonicalTable, ParsedTable> map() {
    Map<String, String> productIds = products();
    Set<String> managers = users();
    accounts();
    opportunities(productIds);
    activities("Task");
    activities("Event");
    quotas(managers);
    conversionRates();
    return export.tables();
  }

  /** Product2 -> products; returns Salesforce product id -> canonical product id (ProductCode, else the id). */
  private Map<String, String> products() {
    Map<String, String> ids = new HashMap<>();
    export.each("Product2", CanonicalTable.PRODUCTS, DELETED, (r, rows) -> {
      String id = r.get("ProductCode").isEmpty() ? to18(r.get("Id")) : r.get("ProductCode");
      ids.put(to18(r.get("Id")), id);
      rows.add(r, cells("product_id", id, "product_name", r.get("Name"), "family", r.get("Family"),
          "lifecycle_stage", config.productStages().getOrDefault(id, "RELEASE")));
    });
    return ids;
  }

  /** UserRole + User -> reps; returns the ids of users someone reports to (their quotas are TEAM quotas). */
  private Set<String> users() {
    Map<String, String> roleNames = new HashMap<>();
    export.live("UserRole", DELETED).forEach(r -> roleNames.put(to18(r.get("Id")), r.get("Name")));
    Set<String> managers = new HashSet<>();
    export.each("User", CanonicalTable.REPS, DELETED, (r, rows) -> {
      String role = roleNames.getOrDefault(to18(r.get("UserRoleId")), "");
      Map<String, String> cells = cells("rep_id", to18(r.get("Id")), "rep_name", r.get("Name"),
          "manager_id", to18(r.get("ManagerId")), "area", r.get("Department"), "level", role);
      if (!r.get("ManagerId").isEmpty()) {
        managers.add(to18(r.get("ManagerId")));
      }
      rows.addMapped(r, cells, "level", role, config.roleLevels(), "UserRole.Name", KEY + "role_levels");
    });
    return managers;
  }

  /** Account -> accounts; person accounts are the B2C segment. */
  private void accounts() {
    export.each("Account", CanonicalTable.ACCOUNTS, DELETED, (r, rows) -> rows.add(r, cells(
        ACCOUNT_ID, to18(r.get("Id")), "account_name", r.get("Name"),
        "segment", r.isTrue("IsPersonAccount") ? "B2C" : "B2B", "employees", r.get("NumberOfEmployees"),
        "industry", r.get("Industry"), "country", r.get("BillingCountry"), "region", r.get("BillingState"),
        "owner_rep_id", to18(r.get("OwnerId")), "created_at", instant(r.get("CreatedDate")))));
  }

  /** Opportunity (+ OpportunityLineItem for the product) -> opportunities. */
  private void opportunities(Map<String, String> productIds) {
    Map<String, SourceObject.Record> biggestLine = ExportFolder.largestPerParent(export.live("OpportunityLineItem", DELETED),
        r -> to18(r.get("OpportunityId")), "TotalPrice", r -> to18(r.get("Id")));
    export.each("Opportunity", CanonicalTable.OPPORTUNITIES, DELETED, (r, rows) -> {
      String id = to18(r.get("Id"));
      SourceObject.Record line = biggestLine.get(id);
      // Many orgs never put products on deals: those take sources.salesforce.default_product.
      String product = line != null ? productIds.getOrDefault(to18(line.get("Product2Id")), to18(line.get("Product2Id")))
          : config.defaultProduct() != null ? config.defaultProduct() : "";
      Map<String, String> cells = cells("opportunity_id", id, ACCOUNT_ID, to18(r.get("AccountId")),
          "owner_rep_id", to18(r.get("OwnerId")), "product_id", product, "opportunity_type", r.get("Type"),
          "stage", r.get("StageName"), "is_closed", r.get("IsClosed"), "is_won", r.get("IsWon"), "amount", r.get("Amount"),
          "currency", r.get("CurrencyIsoCode"), "lead_source", r.get("LeadSource"), "created_at", instant(r.get("CreatedDate")),
          "close_date", r.get("CloseDate"), "last_modified_at", instant(r.get("LastModifiedDate")));
      if (product.isEmpty()) {
        rows.reject(r, cells, RejectReason.MISSING_REQUIRED, "product_id", "the opportunity has no line item to take its product"
            + " from: set " + KEY + "default_product for deals without products");
        return;
      }
      rows.addMapped(r, cells, "opportunity_type", r.get("Type"), config.opportunityTypes(), "Opportunity.Type", KEY + "opportunity_types");
    });
  }

  /** Task or Event -> activities: type from TaskSubtype (else Type), time and duration as docs/inputs.md says. */
  private void activities(String object) {
    boolean task = object.equals("Task");
    export.each(object, CanonicalTable.ACTIVITIES, DELETED, (r, rows) -> {
      String what = r.get("WhatId");
      String account = !r.get("AccountId").isEmpty() ? to18(r.get("AccountId"))
          : SalesforceIds.isA(what, ACCOUNT_PREFIX) ? to18(what) : "";
      String type = task && !r.get("TaskSubtype").isEmpty() && !r.get("TaskSubtype").equals("Task") ? r.get("TaskSubtype") : r.get("Type");
      String time = task ? (r.get("CompletedDateTime").isEmpty() ? r.get("ActivityDate") : instant(r.get("CompletedDateTime")))
          : instant(r.get("StartDateTime"));
      String minutes = task ? ExportFolder.wholeMinutes(r.get("CallDurationInSeconds"), 60) : r.get("DurationInMinutes");
      Map<String, String> cells = cells("activity_id", to18(r.get("Id")), "rep_id", to18(r.get("OwnerId")),
          ACCOUNT_ID, account, "opportunity_id", SalesforceIds.isA(what, OPPORTUNITY_PREFIX) ? to18(what) : "",
          "activity_type", type, "occurred_at", time, "duration_minutes", minutes);
      rows.addMapped(r, cells, "activity_type", type, config.activityTypes(), object + (task ? ".TaskSubtype/Type" : ".Type"), KEY + "activity_types");
    });
  }

  /** ForecastingQuota -> targets: TEAM for a user with reports, the product from its family, a period of quota_period_months. */
  private void quotas(Set<String> managers) {
    export.each("ForecastingQuota", CanonicalTable.TARGETS, DELETED, (r, rows) -> {
      String owner = to18(r.get("QuotaOwnerId"));
      String start = r.get("StartDate");
      String end = "";
      try {
        end = start.isEmpty() ? "" : LocalDate.parse(start).plusMonths(config.quotaPeriodMonths()).toString();
      } catch (DateTimeParseException unparseable) {
        // The row parser rejects the start date as BAD_DATE.
      }
      Map<String, String> cells = cells("rep_id", owner, "product_id", r.get("ProductFamily"),
          "target_type", managers.contains(owner) ? "TEAM" : "INDIVIDUAL", "period_start", start, "period_end", end,
          "amount", r.get("QuotaAmount"), "currency", r.get("CurrencyIsoCode"));
      rows.addMapped(r, cells, "product_id", r.get("ProductFamily"), config.productFamilies(), "ForecastingQuota.ProductFamily", KEY + "product_families");
    });
  }

  /** DatedConversionRate -> fx_rates: Salesforce gives units of the currency per corporate unit, so the rate to base is its inverse. */
  private void conversionRates() {
    export.each("DatedConversionRate", CanonicalTable.FX_RATES, DELETED, (r, rows) -> rows.add(r, cells(
        "currency", r.get("IsoCode"), "rate_date", r.get("StartDate"), "rate_to_base", inverse(r.get("ConversionRate")))));
  }

  private static String inverse(String rate) {
    try {
      BigDecimal v = new BigDecimal(rate);
      return v.signum() == 0 ? rate : BigDecimal.ONE.divide(v, MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return rate;
    }
  }

  /** A Salesforce datetime as an ISO instant; anything else as it is, for the row rules to judge. */
  private static String instant(String text) {
    try {
      return OffsetDateTime.parse(text, DATETIME).toInstant().toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }
}

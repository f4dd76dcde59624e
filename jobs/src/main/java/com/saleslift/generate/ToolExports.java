package com.saleslift.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A generated company written the way the tools a real one uses export it (`generate --as
 * salesforce,stripe,segment`): a Salesforce Data Loader folder (or HubSpot's CSVs) for the CRM, Stripe's invoice
 * lines for billing, Segment's warehouse tables or PostHog's events for usage, and the
 * `sources:` mapping they need in saleslift.yaml. Tables no chosen tool holds (targets, fx rates,
 * feature requests, and products without a CRM) stay canonical CSVs. Read back, the folder
 * publishes the same metric tables as the canonical one: a newcomer sees each export's shape,
 * and the mapping is tested end to end.
 */
public final class ToolExports {
  /** The tools a company can be written as; one CRM and one analytics tool at most. */
  public enum Tool {
    SALESFORCE("salesforce", List.of("accounts", "reps", "products", "opportunities", "activities")),
    /** HubSpot has no products, quotas or rates: products stay canonical; mailers are emails there. */
    HUBSPOT("hubspot", List.of("accounts", "reps", "opportunities", "activities")),
    STRIPE("stripe", List.of("subscriptions")),
    SEGMENT("segment", List.of("usage_events")),
    POSTHOG("posthog", List.of("usage_events"));

    final String folder;
    /** The canonical tables the tool's export replaces. */
    final List<String> tables;

    Tool(String folder, List<String> tables) {
      this.folder = folder;
      this.tables = tables;
    }

    /** "salesforce,stripe" -> the tools; an unknown name or two tools giving one table is refused. */
    public static Set<Tool> parse(String names) {
      Set<Tool> tools = EnumSet.noneOf(Tool.class);
      Set<String> given = new LinkedHashSet<>();
      for (String name : names.split(",")) {
        Tool tool = null;
        for (Tool t : values()) {
          if (t.folder.equals(name.strip().toLowerCase(Locale.ROOT))) {
            tool = t;
          }
        }
        if (tool == null) {
          throw new IllegalArgumentException("unknown tool '" + name.strip() + "' (one of salesforce, hubspot, stripe, segment, posthog)");
        }
        for (String table : tool.tables) {
          if (!given.add(table)) {
            throw new IllegalArgumentException(table + " would come from two tools: choose one of them");
          }
        }
        tools.add(tool);
      }
      return tools;
    }
  }

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
  /** `2024-01-05T09:00:00.000+0000`, as Salesforce's Data Loader writes datetimes. */
  private static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
  /** `2024-01-02 10:00:00.000+00`, as warehouse tables write timestamps. */
  private static final DateTimeFormatter WAREHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSx");
  private static final DateTimeFormatter HUBSPOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Segments as a HubSpot company property could name them. */
  private static final Map<String, String> HUBSPOT_SEGMENTS = Map.of("B2B", "Business", "B2C", "Consumer");
  /** Opportunity types as HubSpot's deal types. */
  private static final Map<String, String> HUBSPOT_DEAL_TYPES = Map.of("NEW_BUSINESS", "newbusiness",
      "UPSELL", "existingbusiness", "CROSS_SELL", "crosssell", "RENEWAL", "renewal");
  /** Opportunity types as a Salesforce picklist names them. */
  private static final Map<String, String> OPPORTUNITY_TYPES = Map.of("NEW_BUSINESS", "New Business",
      "UPSELL", "Existing Business", "CROSS_SELL", "Existing Business - Cross-sell", "RENEWAL", "Renewal");
  /** Activity types as Task subtypes (sales touches by phone and mail) or Event types (meetings). */
  private static final Map<String, String> TASK_SUBTYPES = Map.of("CALL", "Call", "EMAIL", "Email", "MAILER", "ListEmail");
  private static final Map<String, String> EVENT_TYPES = Map.of("MEETING", "Meeting", "DEMO", "Demo");
  /** Salesforce's key prefix of opportunities: a Task's WhatId names one only with it. */
  private static final String OPPORTUNITY_PREFIX = "006";
  private static final String PRODUCT_PREFIX = "01t-";

  private final Path canonical;
  private final Path out;
  private final String baseCurrency;
  private final LocalDate end;
  /** The `sources:` keys the exports need, by tool then key. */
  private final Map<String, Map<String, Object>> sources = new TreeMap<>();

  private ToolExports(Path canonical, Path out, String baseCurrency, LocalDate end) {
    this.canonical = canonical;
    this.out = out;
    this.baseCurrency = baseCurrency;
    this.end = end;
  }

  /**
   * Writes the canonical folder {@code canonical} into {@code out} as {@code tools} export it;
   * {@code end} is the last day of the history (an open subscription is invoiced up to it).
   */
  public static void write(Path canonical, Path out, Set<Tool> tools, String baseCurrency, LocalDate end) throws IOException {
    new ToolExports(canonical, out, baseCurrency, end).write(tools);
  }

  private void write(Set<Tool> tools) throws IOException {
    Files.createDirectories(out);
    Set<String> replaced = new LinkedHashSet<>();
    tools.forEach(t -> replaced.addAll(t.tables));
    try (var files = Files.list(canonical)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".csv") && !replaced.contains(name.substring(0, name.length() - 4)) && !name.equals("saleslift.yaml")) {
          Files.copy(file, out.resolve(name));
        }
      }
    }
    for (Tool tool : tools) {
      switch (tool) {
        case SALESFORCE -> salesforce(out.resolve(tool.folder));
        case HUBSPOT -> hubSpot(out.resolve(tool.folder));
        case STRIPE -> stripe(out.resolve(tool.folder));
        case SEGMENT -> segment(out.resolve(tool.folder));
        case POSTHOG -> postHog(out.resolve(tool.folder));
      }
    }
    Files.writeString(out.resolve("saleslift.yaml"), Files.readString(canonical.resolve("saleslift.yaml"))
        + "# How the tools' exports map onto the canonical tables (docs/inputs.md, \"Bring your own exports\").\n"
        + "sources:\n" + yaml(), StandardCharsets.UTF_8);
  }

  private void salesforce(Path folder) throws IOException {
    Map<String, Object> config = sources.computeIfAbsent("salesforce", k -> new TreeMap<>());
    try (Csv accounts = new Csv(folder, "Account", "Id", "Name", "IsPersonAccount", "NumberOfEmployees", "Industry",
        "BillingCountry", "BillingState", "OwnerId", "CreatedDate", "IsDeleted")) {
      for (Map<String, String> a : read("accounts")) {
        // Salesforce has B2B accounts and person accounts, nothing else: another segment has no record.
        if (a.get("segment").equals("B2B") || a.get("segment").equals("B2C")) {
          accounts.row(a.get("account_id"), a.get("account_name"), a.get("segment").equals("B2C"), a.get("employees"),
              a.get("industry"), a.get("country"), a.get("region"), a.get("owner_rep_id"), salesforceTime(a.get("created_at")), false);
        }
      }
    }
    Map<String, String> roleLevels = new TreeMap<>();
    try (Csv users = new Csv(folder, "User", "Id", "Name", "UserRoleId", "ManagerId", "Department", "IsDeleted")) {
      for (Map<String, String> r : read("reps")) {
        String role = words(r.get("level"));
        roleLevels.put(role, r.get("level"));
        users.row(r.get("rep_id"), r.get("rep_name"), "00E-" + r.get("level"), r.get("manager_id"), r.get("area"), false);
      }
    }
    try (Csv roles = new Csv(folder, "UserRole", "Id", "Name")) {
      for (Map.Entry<String, String> role : roleLevels.entrySet()) {
        roles.row("00E-" + role.getValue(), role.getKey());
      }
    }
    config.put("role_levels", roleLevels);
    Map<String, String> stages = new TreeMap<>();
    try (Csv products = new Csv(folder, "Product2", "Id", "Name", "ProductCode", "Family", "IsDeleted")) {
      for (Map<String, String> p : read("products")) {
        stages.put(p.get("product_id"), p.get("lifecycle_stage"));
        products.row(PRODUCT_PREFIX + p.get("product_id"), p.get("product_name"), p.get("product_id"), p.get("family"), false);
      }
    }
    config.put("product_stages", stages);
    Map<String, String> types = new TreeMap<>();
    OPPORTUNITY_TYPES.forEach((canonicalType, picklist) -> types.put(picklist, canonicalType));
    config.put("opportunity_types", types);
    Set<String> withLine = new LinkedHashSet<>();
    try (Csv deals = new Csv(folder, "Opportunity", "Id", "AccountId", "OwnerId", "Type", "StageName", "IsClosed", "IsWon",
        "Amount", "CurrencyIsoCode", "LeadSource", "CreatedDate", "CloseDate", "LastModifiedDate", "IsDeleted");
         Csv lines = new Csv(folder, "OpportunityLineItem", "Id", "OpportunityId", "Product2Id", "TotalPrice", "IsDeleted")) {
      for (Map<String, String> o : read("opportunities")) {
        String id = OPPORTUNITY_PREFIX + o.get("opportunity_id");
        deals.row(id, o.get("account_id"), o.get("owner_rep_id"), OPPORTUNITY_TYPES.getOrDefault(o.get("opportunity_type"),
            o.get("opportunity_type")), o.get("stage"), o.get("is_closed"), o.get("is_won"), o.get("amount"), o.get("currency"),
            o.get("lead_source"), salesforceTime(o.get("created_at")), o.get("close_date"), salesforceTime(o.get("last_modified_at")), false);
        // One line item per deal: its product (re-exported versions of a deal share it).
        if (withLine.add(id)) {
          lines.row("00k-" + o.get("opportunity_id"), id, PRODUCT_PREFIX + o.get("product_id"), o.get("amount"), false);
        }
      }
    }
    try (Csv tasks = new Csv(folder, "Task", "Id", "OwnerId", "AccountId", "WhatId", "TaskSubtype", "Type", "CompletedDateTime",
        "ActivityDate", "CallDurationInSeconds", "IsDeleted");
         Csv events = new Csv(folder, "Event", "Id", "OwnerId", "AccountId", "WhatId", "Type", "StartDateTime", "DurationInMinutes",
             "IsDeleted")) {
      for (Map<String, String> a : read("activities")) {
        String type = a.get("activity_type");
        String what = a.get("opportunity_id").isEmpty() ? "" : OPPORTUNITY_PREFIX + a.get("opportunity_id");
        String time = salesforceTime(a.get("occurred_at"));
        String minutes = a.get("duration_minutes");
        if (EVENT_TYPES.containsKey(type)) {
          events.row(a.get("activity_id"), a.get("rep_id"), a.get("account_id"), what, EVENT_TYPES.get(type), time, minutes, false);
        } else {
          // A type Salesforce has no subtype for stays what it was, unmapped, as in the canonical file.
          tasks.row(a.get("activity_id"), a.get("rep_id"), a.get("account_id"), what, TASK_SUBTYPES.getOrDefault(type, words(type)),
              "", time, time.isEmpty() ? "" : time.substring(0, 10),
              minutes.isEmpty() ? "" : String.valueOf(Long.parseLong(minutes) * 60), false);
        }
      }
    }
  }

  /**
   * The CRM as HubSpot's CSV exports hold it: owners with the hierarchy.csv a company keeps
   * beside them, companies with a segment property, deals with their stages and line items,
   * calls, emails and meetings. HubSpot logs no mailers: they become emails, so outreach_mix and
   * activity_effectiveness count them as emails; another type (a visit) is a meeting type left out.
   */
  private void hubSpot(Path folder) throws IOException {
    Map<String, Object> config = sources.computeIfAbsent("hubspot", k -> new TreeMap<>());
    try (Csv owners = new Csv(folder, "owners", "id", "firstName", "lastName", "archived");
         Csv hierarchy = new Csv(folder, "hierarchy", "owner_id", "manager_owner_id", "level", "area")) {
      for (Map<String, String> r : read("reps")) {
        owners.row(r.get("rep_id"), r.get("rep_name"), "", false);
        hierarchy.row(r.get("rep_id"), r.get("manager_id"), r.get("level"), r.get("area"));
      }
    }
    try (Csv companies = new Csv(folder, "companies", "hs_object_id", "name", "numberofemployees", "industry", "country", "state",
        "hubspot_owner_id", "createdate", "customer_kind", "archived")) {
      for (Map<String, String> a : read("accounts")) {
        companies.row(a.get("account_id"), a.get("account_name"), a.get("employees"), a.get("industry"), a.get("country"),
            a.get("region"), a.get("owner_rep_id"), isoTime(a.get("created_at")), HUBSPOT_SEGMENTS.getOrDefault(a.get("segment"),
                words(a.get("segment"))), false);
      }
    }
    Map<String, String> segments = new TreeMap<>();
    HUBSPOT_SEGMENTS.forEach((code, label) -> segments.put(label, code));
    config.put("segment_property", "customer_kind");
    config.put("segments", segments);
    Map<String, String> dealTypes = new TreeMap<>();
    HUBSPOT_DEAL_TYPES.forEach((code, type) -> dealTypes.put(type, code));
    config.put("deal_types", dealTypes);
    Map<List<String>, String> stages = new LinkedHashMap<>();
    Set<String> withLine = new LinkedHashSet<>();
    try (Csv deals = new Csv(folder, "deals", "hs_object_id", "associated_company_ids", "hubspot_owner_id", "dealtype", "dealstage",
        "amount", "deal_currency_code", "hs_analytics_source", "createdate", "closedate", "hs_lastmodifieddate", "archived");
         Csv lines = new Csv(folder, "line_items", "hs_object_id", "associated_deal_ids", "hs_sku", "amount")) {
      for (Map<String, String> o : read("opportunities")) {
        // A stage is its label and what its metadata says: closed, and won (probability 1) or lost (0).
        List<String> stage = List.of(o.get("stage"), bool(o.get("is_closed")), bool(o.get("is_won")));
        String stageId = stages.computeIfAbsent(stage, s -> "stage" + (stages.size() + 1));
        deals.row(o.get("opportunity_id"), o.get("account_id"), o.get("owner_rep_id"),
            HUBSPOT_DEAL_TYPES.getOrDefault(o.get("opportunity_type"), o.get("opportunity_type")), stageId, o.get("amount"),
            o.get("currency"), o.get("lead_source"), isoTime(o.get("created_at")), o.get("close_date"),
            isoTime(o.get("last_modified_at")), false);
        if (withLine.add(o.get("opportunity_id"))) {
          lines.row("li-" + o.get("opportunity_id"), o.get("opportunity_id"), o.get("product_id"), o.get("amount"));
        }
      }
    }
    try (Csv stageFile = new Csv(folder, "deal_stages", "stage_id", "label", "metadata.isClosed", "metadata.probability")) {
      stages.forEach((stage, id) -> stageFile.row(id, stage.get(0), stage.get(1),
          stage.get(1).equals("true") ? (stage.get(2).equals("true") ? "1.0" : "0.0") : "0.5"));
    }
    Map<String, Object> meetingTypes = new TreeMap<>();
    try (Csv calls = new Csv(folder, "calls", "hs_object_id", "hubspot_owner_id", "associated_company_ids", "associated_deal_ids",
        "hs_timestamp", "hs_call_duration");
         Csv emails = new Csv(folder, "emails", "hs_object_id", "hubspot_owner_id", "associated_company_ids", "associated_deal_ids",
             "hs_timestamp", "hs_email_direction");
         Csv meetings = new Csv(folder, "meetings", "hs_object_id", "hubspot_owner_id", "associated_company_ids",
             "associated_deal_ids", "hs_timestamp", "hs_meeting_start_time", "hs_meeting_end_time", "hs_activity_type")) {
      for (Map<String, String> a : read("activities")) {
        String time = isoTime(a.get("occurred_at"));
        String minutes = a.get("duration_minutes");
        switch (a.get("activity_type")) {
          case "CALL" -> calls.row(a.get("activity_id"), a.get("rep_id"), a.get("account_id"), a.get("opportunity_id"), time,
              minutes.isEmpty() ? "" : String.valueOf(Long.parseLong(minutes) * 60_000));
          case "EMAIL", "MAILER" -> emails.row(a.get("activity_id"), a.get("rep_id"), a.get("account_id"), a.get("opportunity_id"),
              time, "EMAIL");
          default -> {
            String type = words(a.get("activity_type"));
            meetingTypes.put(type, a.get("activity_type").equals("DEMO") ? "DEMO" : a.get("activity_type").equals("MEETING")
                ? "MEETING" : null);
            String endTime = minutes.isEmpty() ? "" : isoTime(OffsetDateTime.parse(a.get("occurred_at"))
                .plusMinutes(Long.parseLong(minutes)).toString());
            meetings.row(a.get("activity_id"), a.get("rep_id"), a.get("account_id"), a.get("opportunity_id"), time, time, endTime,
                type);
          }
        }
      }
    }
    config.put("meeting_types", meetingTypes);
  }

  /**
   * subscriptions -> invoice lines, one per period of constant MRR (an open period's line runs to
   * the end of its billing month after the history's end), with their prices and customers;
   * amounts in minor units. One line per period, not per month: a period in another currency
   * converts once, at its start (docs/inputs.md), and monthly lines would each convert at theirs.
   */
  private void stripe(Path folder) throws IOException {
    Map<String, String> products = new TreeMap<>();
    Map<String, List<String>> prices = new TreeMap<>();
    Set<String> customers = new LinkedHashSet<>();
    try (Csv lines = new Csv(folder, "invoice_line_items", "id", "customer", "subscription", "price_id", "amount", "currency",
        "quantity", "period_start", "period_end", "proration", "type", "livemode")) {
      int n = 0;
      for (Map<String, String> s : read("subscriptions")) {
        String product = s.get("product_id");
        String price = "price_" + product + "_" + s.get("plan");
        prices.putIfAbsent(price, List.of("prod_" + product, s.get("plan")));
        products.put("prod_" + product, product);
        String customer = "cus_" + s.get("account_id");
        customers.add(s.get("account_id"));
        String cents = new BigDecimal(s.get("mrr")).movePointRight(2).toBigIntegerExact().toString();
        String currency = (s.get("currency").isEmpty() ? baseCurrency : s.get("currency")).toLowerCase(Locale.ROOT);
        LocalDate start = LocalDate.parse(s.get("start_date"));
        LocalDate stop = s.get("end_date").isEmpty() ? null : LocalDate.parse(s.get("end_date"));
        if (stop == null) {
          stop = start.plusMonths(1);
          while (!stop.isAfter(end)) {
            stop = stop.plusMonths(1);
          }
        }
        // A period that ends before it starts (a broken row) stays as broken as the row it comes from.
        lines.row("il_" + ++n, customer, s.get("subscription_id"), price, cents, currency, s.get("seats"), start, stop, false,
            "subscription", true);
      }
    }
    try (Csv priceFile = new Csv(folder, "prices", "id", "product_id", "nickname", "recurring_interval", "recurring_interval_count",
        "livemode")) {
      for (Map.Entry<String, List<String>> p : prices.entrySet()) {
        priceFile.row(p.getKey(), p.getValue().get(0), p.getValue().get(1), "month", 1, true);
      }
    }
    try (Csv customerFile = new Csv(folder, "customers", "id", "metadata", "livemode")) {
      for (String account : customers) {
        customerFile.row("cus_" + account, JSON.writeValueAsString(Map.of("crm_account_id", account)), true);
      }
    }
    sources.computeIfAbsent("stripe", k -> new TreeMap<>()).put("products", products);
  }

  /** usage_events -> Segment's tracks, and a groups row tying each user to its account from its first event on. */
  private void segment(Path folder) throws IOException {
    Map<String, String> groupOf = new LinkedHashMap<>();
    try (Csv tracks = new Csv(folder, "tracks", "id", "user_id", "event", "timestamp", "product");
         Csv groups = new Csv(folder, "groups", "id", "user_id", "group_id", "timestamp")) {
      for (Map<String, String> e : read("usage_events")) {
        String user = user(e);
        String time = warehouseTime(e.get("occurred_at"));
        if (!e.get("account_id").equals(groupOf.put(user, e.get("account_id")))) {
          groups.row("g_" + (groupOf.size()), user, e.get("account_id"), time);
        }
        tracks.row(e.get("event_id"), user, e.get("event_name"), time, e.get("product_id"));
      }
    }
    sources.computeIfAbsent("events", k -> new TreeMap<>()).put("product_property", "product");
  }

  /** usage_events -> PostHog's events: the account as `$group_0`, the product among the properties. */
  private void postHog(Path folder) throws IOException {
    try (Csv events = new Csv(folder, "events", "uuid", "event", "timestamp", "distinct_id", "properties", "$group_0")) {
      for (Map<String, String> e : read("usage_events")) {
        events.row(e.get("event_id"), e.get("event_name"), warehouseTime(e.get("occurred_at")), user(e),
            JSON.writeValueAsString(Map.of("product", e.get("product_id"))), e.get("account_id"));
      }
    }
    sources.computeIfAbsent("events", k -> new TreeMap<>()).put("product_property", "product");
  }

  /** An event's user; an anonymous one is its account's (analytics tools always name somebody). */
  private static String user(Map<String, String> event) {
    return event.get("user_id").isEmpty() ? "anonymous-" + event.get("account_id") : event.get("user_id");
  }

  /** The canonical rows of a table, header names to cells. */
  private List<Map<String, String>> read(String table) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(canonical.resolve(table + ".csv"), StandardCharsets.UTF_8);
         CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT.builder().setHeader().setSkipHeaderRecord(true).get())
             .get()) {
      for (CSVRecord r : parser) {
        rows.add(r.toMap());
      }
    }
    return rows;
  }

  private static String salesforceTime(String text) {
    return text.isEmpty() ? "" : OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).format(SALESFORCE_TIME);
  }

  /** `2024-01-05T09:00:00.000Z`, as HubSpot's exports write times. */
  private static String isoTime(String text) {
    return text.isEmpty() ? "" : OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).format(HUBSPOT_TIME);
  }

  private static String warehouseTime(String text) {
    return OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).format(WAREHOUSE_TIME);
  }

  /** A canonical boolean (`true`, `1`, `yes` in any case) as HubSpot's stage metadata writes it. */
  private static String bool(String text) {
    return String.valueOf(List.of("true", "1", "yes").contains(text.strip().toLowerCase(Locale.ROOT)));
  }

  /** DIRECTOR -> "Director", VISIT -> "Visit": a code as a picklist value reads. */
  private static String words(String code) {
    String lower = code.replace('_', ' ').toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** The `sources:` block, two spaces in, each map in flow style. */
  private String yaml() throws IOException {
    StringBuilder yaml = new StringBuilder();
    for (Map.Entry<String, Map<String, Object>> tool : sources.entrySet()) {
      yaml.append("  ").append(tool.getKey()).append(":\n");
      for (Map.Entry<String, Object> key : tool.getValue().entrySet()) {
        yaml.append("    ").append(key.getKey()).append(": ").append(JSON.writeValueAsString(key.getValue())).append('\n');
      }
    }
    return yaml.toString();
  }

  /** One export file: its header, then rows; nulls and empty strings as empty cells. */
  private static final class Csv implements AutoCloseable {
    private final CSVPrinter printer;

    Csv(Path folder, String object, String... header) throws IOException {
      Files.createDirectories(folder);
      Writer writer = Files.newBufferedWriter(folder.resolve(object + ".csv"), StandardCharsets.UTF_8);
      printer = new CSVPrinter(writer, FORMAT.builder().setHeader(header).get());
    }

    void row(Object... cells) {
      try {
        printer.printRecord(cells);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      printer.close();
    }
  }
}

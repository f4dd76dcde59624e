package com.saleslift.ingest.sources;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.ValueParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Product usage from an analytics export onto canonical usage_events: Segment's warehouse
 * tables (`segment/tracks` and `segment/groups`) or a PostHog events export (`posthog/events`).
 * The account an event names is turned into the accounts table's form of it by {@code accountIds}
 * (a Salesforce org's 15-character ids into 18).
 * The product of an event comes from `sources.events`: a column or property, else the event
 * name's entry, else the default product; an event with none is a reject naming its name.
 */
public final class EventSources {
  public static final String SEGMENT = "segment";
  public static final String POSTHOG = "posthog";
  /** Warehouse times: `2024-01-02 10:00:00.123+00`, ISO with `T`, with or without fraction and offset (UTC then). */
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd").optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd().optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .parseDefaulting(ChronoField.OFFSET_SECONDS, 0).toFormatter();
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventSources() {}

  /** segment/: tracks, with each event's account from the user's groups rows. */
  public static Map<CanonicalTable, ParsedTable> segment(Path folder, ValueParser values, SalesLiftConfig.Events config,
      UnaryOperator<String> accountIds) {
    Optional<SourceObject> tracks = SourceObject.read(folder, "tracks");
    if (tracks.isEmpty()) {
      return Map.of();
    }
    Map<String, List<SourceObject.Record>> groupsByUser = new HashMap<>();
    SourceObject.read(folder, "groups").ifPresent(g -> g.records().stream().filter(r -> r.problem() == null)
        .forEach(r -> groupsByUser.computeIfAbsent(r.get("user_id"), u -> new ArrayList<>()).add(r)));
    groupsByUser.values().forEach(list -> list.sort(Comparator.comparing(r -> moment(r.get("timestamp")))));
    CanonicalRows rows = new CanonicalRows(CanonicalTable.USAGE_EVENTS, values);
    rows.from(tracks.get());
    for (SourceObject.Record r : tracks.get().records()) {
      String time = instant(r.get("timestamp"));
      event(r, rows, config, r.get("id"), time, r.get("user_id"),
          accountIds.apply(accountAt(groupsByUser.getOrDefault(r.get("user_id"), List.of()), time)), r.get("event"),
          r.get(config.productProperty()));
    }
    return Map.of(CanonicalTable.USAGE_EVENTS, rows.build());
  }

  /** The group of the user's latest groups row at or before the time; without one, of the user's earliest row. */
  private static String accountAt(List<SourceObject.Record> groups, String time) {
    String account = groups.isEmpty() ? "" : groups.get(0).get("group_id");
    for (SourceObject.Record g : groups) {
      if (moment(g.get("timestamp")).compareTo(moment(time)) <= 0) {
        account = g.get("group_id");
      }
    }
    return account;
  }

  /** posthog/events: the account is `$group_0`, else the first entry of `properties.$groups`. */
  public static Map<CanonicalTable, ParsedTable> postHog(Path folder, ValueParser values, SalesLiftConfig.Events config,
      UnaryOperator<String> accountIds) {
    Optional<SourceObject> events = SourceObject.read(folder, "events");
    if (events.isEmpty()) {
      return Map.of();
    }
    CanonicalRows rows = new CanonicalRows(CanonicalTable.USAGE_EVENTS, values);
    rows.from(events.get());
    for (SourceObject.Record r : events.get().records()) {
      JsonNode properties = properties(r.get("properties"));
      String account = !r.get("$group_0").isEmpty() ? r.get("$group_0")
          : Optional.ofNullable(properties.path("$groups").elements()).filter(it -> it.hasNext()).map(it -> it.next().asText("")).orElse("");
      String product = !r.get(config.productProperty()).isEmpty() ? r.get(config.productProperty())
          : config.productProperty().isEmpty() ? "" : properties.path(config.productProperty()).asText("");
      event(r, rows, config, r.get("uuid"), instant(r.get("timestamp")), r.get("distinct_id"), accountIds.apply(account),
          r.get("event"), product);
    }
    return Map.of(CanonicalTable.USAGE_EVENTS, rows.build());
  }

  private static void event(SourceObject.Record r, CanonicalRows rows, SalesLiftConfig.Events config, String id, String time,
      String user, String account, String name, String propertyProduct) {
    String product = !propertyProduct.isEmpty() ? propertyProduct : config.eventProducts().getOrDefault(name, config.defaultProduct());
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("event_id", id);
    cells.put("occurred_at", time);
    cells.put(ACCOUNT_ID, account);
    cells.put("user_id", user);
    cells.put("product_id", product);
    cells.put("event_name", name);
    if (r.problem() == null && product.isEmpty()) {
      rows.unmapped(r, cells, "product_id", "event '" + name
          + "' to a product: add it to sources.events.event_products or set sources.events.default_product");
    } else {
      rows.add(r, cells);
    }
  }

  /** For ordering: the instant, or the end of time when the text is not one (such a row never comes first). */
  private static Instant moment(String text) {
    try {
      return OffsetDateTime.parse(text.strip(), TIME).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.MAX;
    }
  }

  private static JsonNode properties(String text) {
    try {
      return JSON.readTree(text.isEmpty() ? "{}" : text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  /** An analytics time as an ISO instant (UTC when it has no offset); anything else as it is, for the row rules. */
  static String instant(String text) {
    Instant moment = moment(text);
    return moment.equals(Instant.MAX) ? text : moment.toString();
  }
}

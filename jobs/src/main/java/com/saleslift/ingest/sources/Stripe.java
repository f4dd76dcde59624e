package com.saleslift.ingest.sources;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe billing (`stripe/`: `invoice_line_items`, `prices`, `customers`, and `invoices` when the
 * line items do not carry their customer) mapped onto canonical subscription periods: each
 * recurring line item is a period of its subscription with its amount normalised to a month.
 * Proration and one-off lines are left out, test-mode rows dropped; both are counted in a warning.
 */
public final class Stripe {
  public static final String FOLDER = "stripe";
  /** Currencies whose amounts Stripe gives in whole units, not cents. */
  private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
      "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  private static final DateTimeFormatter SIGMA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Months are computed to this many decimals; the tables round when they are written. */
  private static final int SCALE = 6;

  private Stripe() {}

  /**
   * The subscriptions table, when the export has invoice line items; {@code accountIds} turns the
   * account a customer's metadata names into the accounts table's form of it.
   */
  public static Map<CanonicalTable, ParsedTable> read(Path folder, ValueParser values, SalesLiftConfig.Stripe config,
      java.util.function.UnaryOperator<String> accountIds) {
    Optional<SourceObject> lines = SourceObject.read(folder, "invoice_line_items");
    if (lines.isEmpty()) {
      return Map.of();
    }
    Map<String, SourceObject.Record> prices = byId(folder, "prices");
    Map<String, SourceObject.Record> customers = byId(folder, "customers");
    Map<String, SourceObject.Record> invoices = byId(folder, "invoices");
    CanonicalRows rows = new CanonicalRows(CanonicalTable.SUBSCRIPTIONS, values);
    rows.from(lines.get());
    long test = 0;
    long leftOut = 0;
    for (SourceObject.Record line : lines.get().records()) {
      if (line.problem() != null) {
        rows.add(line, Map.of());
      } else if (line.get("livemode").equalsIgnoreCase("false")) {
        test++;
      } else if (line.isTrue("proration") || !line.get("type").isEmpty() && !line.get("type").equalsIgnoreCase("subscription")) {
        leftOut++;
      } else {
        period(line, prices, customers, invoices, config, accountIds, rows);
      }
    }
    if (test > 0) {
      rows.warn(lines.get().files().get(0) + ": " + test + " test-mode rows (livemode = false) dropped");
    }
    if (leftOut > 0) {
      rows.warn(lines.get().files().get(0) + ": " + leftOut + " proration or one-off lines left out");
    }
    return Map.of(CanonicalTable.SUBSCRIPTIONS, rows.build());
  }

  private static void period(SourceObject.Record line, Map<String, SourceObject.Record> prices,
      Map<String, SourceObject.Record> customers, Map<String, SourceObject.Record> invoices, SalesLiftConfig.Stripe config,
      java.util.function.UnaryOperator<String> accountIds, CanonicalRows rows) {
    String priceId = line.get("price_id").isEmpty() ? line.get("plan_id") : line.get("price_id");
    SourceObject.Record price = prices.get(priceId);
    String customerId = !line.get("customer").isEmpty() ? line.get("customer")
        : Optional.ofNullable(invoices.get(line.get("invoice_id"))).map(i -> i.get("customer")).orElse("");
    String productId = price == null ? "" : price.get("product_id").isEmpty() ? price.get("product") : price.get("product_id");
    String product = config.products().getOrDefault(priceId, config.products().getOrDefault(productId, ""));
    String currency = line.get("currency").toUpperCase(Locale.ROOT);
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("subscription_id", line.get("subscription").isEmpty() ? line.get("id") : line.get("subscription"));
    cells.put(ACCOUNT_ID, accountIds.apply(accountOf(customers.get(customerId), config.accountMetadataKey())));
    cells.put("product_id", product);
    cells.put("plan", price == null || price.get("nickname").isEmpty() ? priceId : price.get("nickname"));
    cells.put("seats", line.get("quantity"));
    cells.put("currency", currency);
    cells.put("start_date", date(line.get("period_start")));
    cells.put("end_date", date(line.get("period_end")));
    if (price == null) {
      rows.reject(line, cells, RejectReason.ORPHAN, "product_id", "price '" + priceId + "' is not in prices");
    } else if (product.isEmpty()) {
      rows.unmapped(line, cells, "product_id", "Stripe price '" + priceId + "' or product '" + productId
          + "': add one to sources.stripe.products");
    } else if (cells.get(ACCOUNT_ID).isEmpty()) {
      rows.reject(line, cells, RejectReason.MISSING_REQUIRED, ACCOUNT_ID, "customer '" + customerId
          + "' has no metadata '" + config.accountMetadataKey() + "' naming its CRM account");
    } else {
      cells.put("mrr", monthly(line.get("amount"), currency, price));
      rows.add(line, cells);
    }
  }

  /**
   * The line's amount as a monthly amount in major units: cents divided by 100 (not for
   * zero-decimal currencies), then weekly x 52/12, yearly / 12, daily x 365/12, and divided by
   * the interval count. Text that is not a number goes through as it is, for the row rules to reject.
   */
  static String monthly(String minorUnits, String currency, SourceObject.Record price) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(minorUnits);
    } catch (NumberFormatException e) {
      return minorUnits;
    }
    BigDecimal major = ZERO_DECIMAL.contains(currency) ? amount : amount.movePointLeft(2);
    String interval = price.get("recurring_interval").toLowerCase(Locale.ROOT);
    String countText = price.get("recurring_interval_count");
    if (!countText.isEmpty() && !countText.matches("[1-9]\\d{0,5}")) {
      return "interval count " + countText;
    }
    long count = countText.isEmpty() ? 1 : Long.parseLong(countText);
    BigDecimal perMonth = switch (interval) {
      case "year" -> major.divide(BigDecimal.valueOf(12 * count), SCALE, RoundingMode.HALF_UP);
      case "week" -> major.multiply(BigDecimal.valueOf(52)).divide(BigDecimal.valueOf(12 * count), SCALE, RoundingMode.HALF_UP);
      case "day" -> major.multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(12 * count), SCALE, RoundingMode.HALF_UP);
      default -> major.divide(BigDecimal.valueOf(count), SCALE, RoundingMode.HALF_UP);
    };
    return perMonth.stripTrailingZeros().toPlainString();
  }

  /** The CRM account from a JSON `metadata` column, else a `<key> (metadata)` column. */
  private static String accountOf(SourceObject.Record customer, String key) {
    if (customer == null) {
      return "";
    }
    String column = customer.get(key + " (metadata)");
    if (!column.isEmpty()) {
      return column;
    }
    try {
      JsonNode metadata = JSON.readTree(customer.get("metadata").isEmpty() ? "{}" : customer.get("metadata"));
      return metadata.path(key).asText("").strip();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "";
    }
  }

  /** A Stripe time (Unix seconds, Sigma's `2024-01-05 09:00:00` in UTC, or ISO) as its UTC date. */
  private static String date(String text) {
    try {
      if (text.matches("\\d+")) {
        return Instant.ofEpochSecond(Long.parseLong(text)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
      }
      if (text.length() == 19 && text.charAt(10) == ' ') {
        return LocalDateTime.parse(text, SIGMA_TIME).toLocalDate().toString();
      }
      if (text.length() > 10) {
        return Instant.parse(text).atOffset(ZoneOffset.UTC).toLocalDate().toString();
      }
      return LocalDate.parse(text).toString();
    } catch (DateTimeParseException | NumberFormatException e) {
      return text;
    }
  }

  private static Map<String, SourceObject.Record> byId(Path folder, String object) {
    Map<String, SourceObject.Record> out = new HashMap<>();
    SourceObject.read(folder, object).ifPresent(o -> o.records().stream()
        .filter(r -> r.problem() == null && !r.get("livemode").equalsIgnoreCase("false"))
        .forEach(r -> out.put(r.get("id"), r)));
    return out;
  }
}

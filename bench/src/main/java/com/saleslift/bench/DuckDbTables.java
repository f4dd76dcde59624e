package com.saleslift.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The benchmark's competitor: DuckDB computing `mrr_movements` and `activation` from the same
 * input folder, by the rules of metrics.md, in SQL written for it. It applies the input rules
 * that touch these two tables on generated data (bad enums, broken ranges, orphans, re-exported
 * opportunities, the as-of), so its results can be checked equal to SalesLift's.
 *
 * <p>Usage: {@code DuckDbTables <input dir> <run date> <output dir>}.
 */
public final class DuckDbTables {
  private DuckDbTables() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    LocalDate runDate = LocalDate.parse(args[1]);
    Path out = Files.createDirectories(Path.of(args[2]));
    Map<String, Object> config = config(input.resolve("saleslift.yaml"));
    ZoneId reporting = ZoneId.of(String.valueOf(config.getOrDefault("reporting_timezone", "UTC")));
    String base = String.valueOf(config.getOrDefault("base_currency", "USD"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement sql = db.createStatement()) {
      sql.execute("SET TimeZone = '" + reporting.getId() + "'");
      sql.execute("CREATE TABLE params AS SELECT DATE '" + runDate + "' AS d, TIMESTAMPTZ '"
          + runDate.plusDays(1).atStartOfDay(reporting).toOffsetDateTime() + "' AS as_of, '" + base + "' AS base");
      for (String statement : inputs(input, config)) {
        sql.execute(statement);
      }
      for (String statement : MRR_MOVEMENTS) {
        sql.execute(statement);
      }
      write(sql, "SELECT * FROM mrr_movements ORDER BY month, segment, channel", out.resolve("mrr_movements.csv"));
      for (String statement : activation(config)) {
        sql.execute(statement);
      }
      write(sql, "SELECT * FROM activation ORDER BY cohort_month, segment, product_id, channel", out.resolve("activation.csv"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(Path file) throws IOException {
    Object yaml = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    return yaml == null ? Map.of() : (Map<String, Object>) yaml;
  }

  /** The input tables these two metrics read, typed, with the rows SalesLift's validation would reject left out. */
  private static List<String> inputs(Path input, Map<String, Object> config) {
    String events = Files.isRegularFile(input.resolve("usage_events.csv"))
        ? input.resolve("usage_events.csv").toString() : input.resolve("usage_events").toString() + "/**/*.csv";
    @SuppressWarnings("unchecked")
    List<String> assisted = (List<String>) ((Map<String, Object>) config.getOrDefault("sales_touch", Map.of()))
        .getOrDefault("assisted_types", List.of("CALL", "MEETING", "DEMO"));
    return List.of(
        "CREATE TABLE accounts AS SELECT account_id, upper(segment) AS segment FROM " + csv(input, "accounts.csv")
            + " WHERE upper(segment) IN ('B2B', 'B2C')",
        "CREATE TABLE products AS SELECT product_id FROM " + csv(input, "products.csv"),
        "CREATE TABLE fx AS SELECT upper(currency) AS currency, CAST(rate_date AS DATE) AS rate_date,"
            + " CAST(rate_to_base AS DECIMAL(18, 8)) AS rate FROM " + csv(input, "fx_rates.csv"),
        // Subscriptions: end after start, dated by the run date, converted at the rate of their start.
        "CREATE TABLE subs AS WITH s AS (SELECT account_id, product_id, CAST(start_date AS DATE) AS start_date,"
            + " CAST(NULLIF(end_date, '') AS DATE) AS end_date, CAST(mrr AS DECIMAL(18, 4)) AS mrr,"
            + " coalesce(NULLIF(upper(currency), ''), (SELECT base FROM params)) AS currency FROM " + csv(input, "subscriptions.csv") + ")"
            + " SELECT s.account_id, s.product_id, s.start_date,"
            + " CASE WHEN s.end_date <= (SELECT d FROM params) THEN s.end_date END AS end_date,"
            + " s.mrr * CASE WHEN s.currency = (SELECT base FROM params) THEN CAST(1 AS DECIMAL(18, 8)) ELSE fx.rate END AS mrr_base"
            + " FROM s ASOF LEFT JOIN fx ON s.currency = fx.currency AND s.start_date >= fx.rate_date"
            + " WHERE s.start_date <= (SELECT d FROM params) AND (s.end_date IS NULL OR s.end_date > s.start_date)"
            + " AND s.account_id IN (SELECT account_id FROM accounts) AND s.product_id IN (SELECT product_id FROM products)"
            + " AND (s.currency = (SELECT base FROM params) OR fx.rate IS NOT NULL)",
        // Opportunities: identical rows once, then the newest version of each; a close after the run date is no close yet.
        "CREATE TABLE opps AS WITH o AS (SELECT DISTINCT opportunity_id, account_id, product_id, upper(opportunity_type) AS type,"
            + " lower(is_closed) IN ('true', '1', 'yes') AS is_closed, lower(is_won) IN ('true', '1', 'yes') AS is_won,"
            + " CAST(NULLIF(close_date, '') AS DATE) AS close_date, CAST(created_at AS TIMESTAMPTZ) AS created_at,"
            + " CAST(NULLIF(last_modified_at, '') AS TIMESTAMPTZ) AS modified, stage, amount, currency, lead_source, owner_rep_id"
            + " FROM " + csv(input, "opportunities.csv") + "),"
            + " v AS (SELECT *, coalesce(modified, TIMESTAMPTZ '0001-01-01 00:00:00+00') AS m FROM o),"
            + " n AS (SELECT *, max(m) OVER (PARTITION BY opportunity_id) AS newest,"
            + " count(*) OVER (PARTITION BY opportunity_id, m) AS same FROM v)"
            + " SELECT opportunity_id, account_id, product_id, type, created_at,"
            + " is_won AND is_closed AND close_date <= (SELECT d FROM params) AS won,"
            + " CASE WHEN is_closed AND close_date <= (SELECT d FROM params) THEN close_date END AS close_date"
            + " FROM n WHERE m = newest AND same = 1 AND created_at < (SELECT as_of FROM params)"
            + " AND type IN ('NEW_BUSINESS', 'UPSELL', 'CROSS_SELL', 'RENEWAL')"
            + " AND account_id IN (SELECT account_id FROM accounts) AND product_id IN (SELECT product_id FROM products)",
        "CREATE TABLE assisted AS SELECT account_id, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at FROM "
            + csv(input, "activities.csv") + " WHERE upper(activity_type) IN (" + quoted(assisted) + ")"
            + " AND CAST(occurred_at AS TIMESTAMPTZ) < (SELECT as_of FROM params)"
            + " AND account_id IN (SELECT account_id FROM accounts)",
        // Usage: a repeated event id keeps its earliest occurrence, which leaves every first occurrence as it is.
        "CREATE TABLE events AS SELECT account_id, product_id, event_name, CAST(occurred_at AS TIMESTAMPTZ) AS t FROM "
            + "read_csv('" + events + "', header = true, all_varchar = true, hive_partitioning = false)"
            + " WHERE CAST(occurred_at AS TIMESTAMPTZ) < (SELECT as_of FROM params)"
            + " AND account_id IN (SELECT account_id FROM accounts) AND product_id IN (SELECT product_id FROM products)",
        // Channel: a won NEW_BUSINESS deal, or an assisted touch on or before the first paid date (never paid: the run date).
        "CREATE TABLE account_channel AS WITH paid AS (SELECT account_id, min(start_date) AS first_paid FROM subs"
            + " WHERE mrr_base > 0 GROUP BY account_id)"
            + " SELECT a.account_id, a.segment, CASE WHEN a.account_id IN (SELECT account_id FROM opps WHERE won AND type = 'NEW_BUSINESS')"
            + " OR EXISTS (SELECT 1 FROM assisted t WHERE t.account_id = a.account_id"
            + " AND CAST(t.occurred_at AS DATE) <= coalesce(p.first_paid, (SELECT d FROM params)))"
            + " THEN 'SALES_LED' ELSE 'PRODUCT_LED' END AS channel FROM accounts a LEFT JOIN paid p USING (account_id)");
  }

  private static final List<String> MRR_MOVEMENTS = List.of(
      "CREATE TABLE bounds AS SELECT (SELECT year(d) * 12 + month(d) - 1 FROM params) AS last_m,"
          + " (SELECT min(m) FROM (SELECT year(start_date) * 12 + month(start_date) - 1 AS m FROM subs"
          + " UNION ALL SELECT year(created_at) * 12 + month(created_at) - 1 FROM opps"
          + " UNION ALL SELECT year(t) * 12 + month(t) - 1 FROM events)) AS first_m",
      "CREATE TABLE months AS SELECT m, CASE WHEN m = (SELECT last_m FROM bounds) THEN (SELECT d FROM params)"
          + " ELSE last_day(make_date(CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT), 1)) END AS e"
          + " FROM range((SELECT coalesce(first_m, last_m) FROM bounds), (SELECT last_m FROM bounds) + 1) r(m)",
      "CREATE TABLE pm AS SELECT s.account_id, s.product_id, months.m, sum(s.mrr_base) AS mrr FROM subs s JOIN months"
          + " ON s.start_date <= months.e AND (s.end_date IS NULL OR s.end_date > months.e)"
          + " GROUP BY ALL HAVING sum(s.mrr_base) > 0",
      "CREATE TABLE assisted_months AS SELECT DISTINCT account_id, product_id, m FROM ("
          + " SELECT account_id, product_id, year(close_date) * 12 + month(close_date) - 1 AS m FROM opps"
          + " WHERE won AND type IN ('UPSELL', 'CROSS_SELL')"
          + " UNION ALL SELECT account_id, product_id, year(close_date) * 12 + month(close_date) AS m FROM opps"
          + " WHERE won AND type IN ('UPSELL', 'CROSS_SELL')) WHERE m <= (SELECT last_m FROM bounds)",
      "CREATE TABLE per_product AS WITH cur AS (SELECT * FROM pm),"
          + " prev AS (SELECT account_id, product_id, m + 1 AS m, mrr FROM pm WHERE m + 1 <= (SELECT last_m FROM bounds)),"
          + " j AS (SELECT coalesce(cur.account_id, prev.account_id) AS account_id, coalesce(cur.product_id, prev.product_id) AS product_id,"
          + " coalesce(cur.m, prev.m) AS m, coalesce(cur.mrr, 0) AS cur, coalesce(prev.mrr, 0) AS prev"
          + " FROM cur FULL OUTER JOIN prev ON cur.account_id = prev.account_id AND cur.product_id = prev.product_id AND cur.m = prev.m)"
          + " SELECT j.*, cur - prev AS change, fp.first_p, fa.first_a, am.m IS NOT NULL AS assisted FROM j"
          + " JOIN (SELECT account_id, product_id, min(m) AS first_p FROM pm GROUP BY ALL) fp USING (account_id, product_id)"
          + " JOIN (SELECT account_id, min(m) AS first_a FROM pm GROUP BY ALL) fa USING (account_id)"
          + " LEFT JOIN assisted_months am USING (account_id, product_id, m)",
      "CREATE TABLE per_account AS WITH a AS (SELECT account_id, m, sum(prev) AS prev, sum(cur) AS cur, any_value(first_a) AS first_a,"
          + " sum(CASE WHEN change > 0 AND first_p < m THEN change ELSE 0 END) AS up,"
          + " sum(CASE WHEN change > 0 AND first_p >= m THEN change ELSE 0 END) AS cross_,"
          + " sum(CASE WHEN change < 0 THEN -change ELSE 0 END) AS down,"
          + " sum(CASE WHEN change > 0 AND first_p < m AND assisted THEN change ELSE 0 END) AS up_sa,"
          + " sum(CASE WHEN change > 0 AND first_p >= m AND assisted THEN change ELSE 0 END) AS cross_sa"
          + " FROM per_product GROUP BY account_id, m)"
          + " SELECT account_id, m, prev, cur,"
          + " CASE WHEN prev = 0 AND cur > 0 AND first_a >= m THEN cur ELSE 0 END AS new,"
          + " CASE WHEN prev = 0 AND cur > 0 AND first_a < m THEN cur ELSE 0 END AS reactivation,"
          + " CASE WHEN prev > 0 AND cur = 0 THEN prev ELSE 0 END AS churn,"
          + " CASE WHEN prev > 0 AND cur > 0 THEN up ELSE 0 END AS upsell,"
          + " CASE WHEN prev > 0 AND cur > 0 THEN cross_ ELSE 0 END AS cross_sell,"
          + " CASE WHEN prev > 0 AND cur > 0 THEN down ELSE 0 END AS contraction,"
          + " CASE WHEN prev > 0 AND cur > 0 THEN up_sa ELSE 0 END AS upsell_sales_assisted,"
          + " CASE WHEN prev > 0 AND cur > 0 THEN cross_sa ELSE 0 END AS cross_sell_sales_assisted FROM a",
      "CREATE TABLE mrr_movements AS SELECT printf('%04d-%02d', CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT)) AS month,"
          + " c.segment, c.channel, count(*) FILTER (WHERE prev > 0) AS accounts_start, count(*) FILTER (WHERE cur > 0) AS accounts_end,"
          + " round(sum(prev), 2) AS mrr_start, round(sum(new), 2) AS new, round(sum(upsell), 2) AS upsell,"
          + " round(sum(cross_sell), 2) AS cross_sell, round(sum(reactivation), 2) AS reactivation,"
          + " round(sum(contraction), 2) AS contraction, round(sum(churn), 2) AS churn, round(sum(cur), 2) AS mrr_end,"
          + " round(sum(upsell_sales_assisted), 2) AS upsell_sales_assisted,"
          + " round(sum(cross_sell_sales_assisted), 2) AS cross_sell_sales_assisted"
          + " FROM per_account JOIN account_channel c USING (account_id) GROUP BY m, c.segment, c.channel");

  /** Activation by metrics.md, with the required events of each product from the config's `activation` section. */
  @SuppressWarnings("unchecked")
  private static List<String> activation(Map<String, Object> config) {
    Map<String, Object> section = (Map<String, Object>) config.getOrDefault("activation", Map.of());
    long windowDays = ((Number) section.getOrDefault("window_days", 14)).longValue();
    List<String> defaults = (List<String>) section.getOrDefault("default_events", List.of());
    Map<String, List<String>> perProduct = (Map<String, List<String>>) section.getOrDefault("products", Map.of());
    List<String> rows = new ArrayList<>();
    perProduct.forEach((product, events) -> events.forEach(e -> rows.add("('" + product + "', '" + e + "', true)")));
    defaults.forEach(e -> rows.add("(NULL, '" + e + "', false)"));
    String required = "CREATE TABLE required AS SELECT p.product_id, r.event_name FROM products p JOIN ("
        + (rows.isEmpty() ? "SELECT NULL AS product_id, NULL AS event_name, false AS own WHERE false"
            : "SELECT * FROM (VALUES " + String.join(", ", rows) + ") v(product_id, event_name, own)") + ") r"
        + " ON (r.own AND r.product_id = p.product_id) OR (NOT r.own AND p.product_id NOT IN ("
        + (perProduct.isEmpty() ? "NULL" : quoted(new ArrayList<>(perProduct.keySet()))) + "))";
    long windowMicros = windowDays * 86_400_000_000L;
    return List.of(required,
        "CREATE TABLE pairs AS SELECT account_id, product_id, min(t) AS start FROM events GROUP BY ALL",
        "CREATE TABLE per_pair AS WITH firsts AS (SELECT e.account_id, e.product_id, e.event_name, min(e.t) AS first FROM events e"
            + " JOIN required USING (product_id, event_name) GROUP BY ALL),"
            + " reached AS (SELECT account_id, product_id, count(*) AS found, max(first) AS latest FROM firsts GROUP BY ALL),"
            + " needed AS (SELECT product_id, count(*) AS n FROM required GROUP BY ALL),"
            + " timed AS (SELECT p.account_id, p.product_id, p.start,"
            + " CASE WHEN needed.n IS NULL THEN p.start WHEN reached.found = needed.n THEN reached.latest END AS activated_at"
            + " FROM pairs p LEFT JOIN needed USING (product_id) LEFT JOIN reached USING (account_id, product_id))"
            + " SELECT *, activated_at IS NOT NULL AND epoch_us(activated_at) - epoch_us(start) <= " + windowMicros + " AS activated,"
            + " epoch_us(start) + " + windowMicros + " <= epoch_us((SELECT as_of FROM params)) AS decided FROM timed",
        "CREATE TABLE activation AS SELECT strftime(p.start, '%Y-%m') AS cohort_month, c.segment, p.product_id, c.channel,"
            + " count(*) AS started, count(*) FILTER (WHERE activated) AS activated,"
            + " round(count(*) FILTER (WHERE activated) / count(*), 4) AS activation_rate,"
            + " round(quantile_cont(CASE WHEN activated THEN (epoch_us(activated_at) - epoch_us(start)) / 86400000000.0 END, 0.5), 4)"
            + " AS median_days_to_activate"
            + " FROM per_pair p JOIN account_channel c USING (account_id) WHERE decided GROUP BY ALL");
  }

  private static String csv(Path input, String file) {
    return "read_csv('" + input.resolve(file) + "', header = true, all_varchar = true)";
  }

  private static String quoted(List<String> values) {
    return String.join(", ", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
  }

  private static void write(Statement sql, String query, Path file) throws SQLException, IOException {
    try (ResultSet rs = sql.executeQuery(query);
         CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
             CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      int n = rs.getMetaData().getColumnCount();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        header.add(rs.getMetaData().getColumnLabel(i));
      }
      out.printRecord(header);
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? "" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
        }
        out.printRecord(row);
      }
    }
  }
}

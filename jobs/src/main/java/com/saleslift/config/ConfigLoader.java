package com.saleslift.config;

import com.saleslift.storage.Checksums;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads saleslift.yaml (docs/configuration.md). Every key is checked here, before Spark starts: an unknown
 * key, a wrong type or an invalid value is a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "saleslift.yaml";

  private static final Set<String> TOP_KEYS = Set.of(
      "base_currency", "reporting_timezone", "source_timezone", "fiscal_year_start_month",
      "size_bands", "activation", "sales_touch", "lift", "quarter_end_window_days", "max_reject_ratio", "sources",
      "run_date", "freshness", "volume_drop_warn", "history", "diff", "experiment", "report", "notify");
  private static final Set<String> REPORT_KEYS = Set.of("html_accounts");
  private static final Set<String> EXPERIMENT_KEYS = Set.of("holdout_share", "salt");
  private static final Set<String> HISTORY_KEYS = Set.of("keep_days");
  private static final Set<String> DIFF_KEYS = Set.of("money_tolerance", "ratio_tolerance_pts", "rank_move");
  private static final Set<String> NOTIFY_KEYS = Set.of("on", "email", "webhook");
  private static final Set<String> EMAIL_KEYS = Set.of(
      "smtp_host", "smtp_port", "starttls", "username", "password_env", "from", "to", "attach_pdf");
  private static final Set<String> WEBHOOK_KEYS = Set.of("url_env", "format");
  private static final Set<String> FRESHNESS_KEYS = Set.of("warn_after_days", "error_after_days");
  private static final Set<String> SOURCES_KEYS = Set.of("salesforce", "hubspot", "stripe", "events");
  private static final Set<String> HUBSPOT_KEYS = Set.of("deal_types", "segment_property", "segments", "meeting_types");
  private static final Set<String> SEGMENTS = Set.copyOf(Codes.SEGMENTS);
  private static final Set<String> EVENTS_KEYS = Set.of("product_property", "event_products", "default_product");
  private static final Set<String> STRIPE_KEYS = Set.of("account_metadata_key", "products");
  private static final Set<String> SALESFORCE_KEYS = Set.of(
      "opportunity_types", "role_levels", "activity_types", "product_stages", "product_families", "quota_period_months",
      "default_product");
  private static final Set<String> OPPORTUNITY_TYPES = Set.copyOf(Codes.OPPORTUNITY_TYPES);
  private static final Set<String> LEVELS = Set.copyOf(Codes.LEVELS);
  private static final Set<String> STAGES = Set.copyOf(Codes.LIFECYCLE_STAGES);
  private static final Set<String> ACTIVATION_KEYS = Set.of("window_days", "default_events", "products");
  private static final Set<String> SALES_TOUCH_KEYS = Set.of("assisted_types");
  private static final Set<String> LIFT_KEYS = Set.of(
      "pre_period_days", "touch_window_days", "bootstrap_replicates", "min_group_size", "seed");
  private static final Set<String> ACTIVITY_TYPES = Set.copyOf(Codes.ACTIVITY_TYPES);

  private final String source;

  private ConfigLoader(String source) {
    this.source = source;
  }

  /**
   * The lookup order, the first that exists wins: `--config FILE`, else the file
   * `$SALESLIFT_CONFIG` names, else `<input>/saleslift.yaml`, else the defaults. A file later in
   * that order that also exists is named in the origin's {@link SalesLiftConfig.Origin#shadowNote()}.
   */
  public static SalesLiftConfig resolve(Optional<Path> flag, Optional<Path> fromEnvironment, Path inputDir) {
    Optional<Path> explicit = flag.or(() -> fromEnvironment);
    SalesLiftConfig config = resolve(explicit, inputDir);
    if (explicit.isEmpty()) {
      return config;
    }
    List<String> ignored = new ArrayList<>();
    if (flag.isPresent() && fromEnvironment.filter(env -> !same(env, flag.get()) && Files.isRegularFile(env)).isPresent()) {
      ignored.add(fromEnvironment.get() + " ($SALESLIFT_CONFIG)");
    }
    Path inInput = inputDir.resolve(FILE_NAME);
    if (Files.isRegularFile(inInput) && !same(inInput, explicit.get())) {
      ignored.add(inInput.toString());
    }
    SalesLiftConfig.Origin origin = config.origin();
    return ignored.isEmpty() ? config : config.from(new SalesLiftConfig.Origin(origin.file(), origin.sha256(), List.copyOf(ignored)));
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** `--config FILE` (or the file `$SALESLIFT_CONFIG` names) if given, else `<input>/saleslift.yaml` if present, else the defaults. */
  public static SalesLiftConfig resolve(Optional<Path> explicit, Path inputDir) {
    if (explicit.isPresent()) {
      Path file = explicit.get();
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(file + ": config file not found");
      }
      return load(file);
    }
    Path inInput = inputDir.resolve(FILE_NAME);
    return Files.isRegularFile(inInput) ? load(inInput) : SalesLiftConfig.defaults();
  }

  public static SalesLiftConfig load(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return parse(new String(bytes, StandardCharsets.UTF_8), file.toString())
          .from(new SalesLiftConfig.Origin(file.toString(), Checksums.sha256(new ByteArrayInputStream(bytes))));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ConfigException(file + ": cannot read config: " + e.getMessage());
    }
  }

  public static SalesLiftConfig parse(String yaml, String source) {
    Object root;
    try {
      root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
    } catch (YamlEngineException e) {
      String firstLine = e.getMessage() == null ? "invalid YAML" : e.getMessage().strip().replace('\n', ' ');
      throw new ConfigException(source + ": invalid YAML: " + firstLine);
    }
    if (root == null) {
      return SalesLiftConfig.defaults();
    }
    return new ConfigLoader(source).read(root);
  }

  private SalesLiftConfig read(Object root) {
    Map<String, Object> top = map(root, "(top level)", TOP_KEYS);
    SalesLiftConfig d = SalesLiftConfig.defaults();
    String currency = top.containsKey("base_currency") ? currencyCode(top.get("base_currency"), "base_currency") : d.baseCurrency();
    ZoneId reporting = top.containsKey("reporting_timezone") ? zone(top.get("reporting_timezone"), "reporting_timezone") : d.reportingTimezone();
    ZoneId sourceZone = top.containsKey("source_timezone") ? zone(top.get("source_timezone"), "source_timezone") : d.sourceTimezone();
    int fyStart = top.containsKey("fiscal_year_start_month") ? intIn(top.get("fiscal_year_start_month"), "fiscal_year_start_month", 1, 12) : d.fiscalYearStartMonth();
    Map<String, Long> bands = top.containsKey("size_bands") ? sizeBands(top.get("size_bands")) : d.sizeBands();
    SalesLiftConfig.Activation activation = top.containsKey("activation") ? activation(top.get("activation"), d.activation()) : d.activation();
    SalesLiftConfig.SalesTouch touch = top.containsKey("sales_touch") ? salesTouch(top.get("sales_touch"), d.salesTouch()) : d.salesTouch();
    SalesLiftConfig.Lift lift = top.containsKey("lift") ? lift(top.get("lift"), d.lift()) : d.lift();
    int qEnd = top.containsKey("quarter_end_window_days") ? intIn(top.get("quarter_end_window_days"), "quarter_end_window_days", 0, 92) : d.quarterEndWindowDays();
    BigDecimal ratio = top.containsKey("max_reject_ratio") ? ratio(top.get("max_reject_ratio"), "max_reject_ratio") : d.maxRejectRatio();
    SalesLiftConfig.Sources sources = top.containsKey("sources") ? sources(top.get("sources"), d.sources()) : d.sources();
    SalesLiftConfig.RunDate runDate = top.containsKey("run_date")
        ? oneOf(top.get("run_date"), SalesLiftConfig.RunDate.values(), SalesLiftConfig.RunDate::key, "run_date") : d.runDate();
    Map<String, SalesLiftConfig.FreshnessLimits> freshness = top.containsKey("freshness") ? freshness(top.get("freshness")) : d.freshness();
    BigDecimal volumeDrop = top.containsKey("volume_drop_warn")
        ? (top.get("volume_drop_warn") == null ? null : ratio(top.get("volume_drop_warn"), "volume_drop_warn")) : d.volumeDropWarn();
    Integer keepDays = top.get("history") != null ? keepDays(top.get("history"), d.historyKeepDays()) : d.historyKeepDays();
    SalesLiftConfig.Diff diff = top.get("diff") != null ? diff(top.get("diff"), d.diff()) : d.diff();
    SalesLiftConfig.Experiment experiment = top.get("experiment") != null ? experiment(top.get("experiment"), d.experiment()) : d.experiment();
    boolean htmlAccounts = d.reportHtmlAccounts();
    if (top.get("report") != null) {
      Map<String, Object> report = map(top.get("report"), "report", REPORT_KEYS);
      htmlAccounts = report.containsKey("html_accounts") ? bool(report.get("html_accounts"), "report.html_accounts") : htmlAccounts;
    }
    SalesLiftConfig.Notify notify = top.get("notify") != null ? notify(top.get("notify")) : d.notifications();
    return new SalesLiftConfig(currency, reporting, sourceZone, fyStart, bands, activation, touch, lift, qEnd, ratio, sources,
        runDate, freshness, volumeDrop, keepDays, diff, experiment, htmlAccounts, notify, SalesLiftConfig.Origin.DEFAULTS);
  }

  /** `history.keep_days`: null keeps every run. */
  private Integer keepDays(Object value, Integer d) {
    Map<String, Object> m = map(value, "history", HISTORY_KEYS);
    if (!m.containsKey("keep_days")) {
      return d;
    }
    return m.get("keep_days") == null ? null : intIn(m.get("keep_days"), "history.keep_days", 1, 36_600);
  }

  private SalesLiftConfig.Diff diff(Object value, SalesLiftConfig.Diff d) {
    Map<String, Object> m = map(value, "diff", DIFF_KEYS);
    BigDecimal money = m.containsKey("money_tolerance") ? ratio(m.get("money_tolerance"), "diff.money_tolerance") : d.moneyTolerance();
    BigDecimal points = m.containsKey("ratio_tolerance_pts")
        ? number(m.get("ratio_tolerance_pts"), "diff.ratio_tolerance_pts", BigDecimal.ZERO, new BigDecimal("100")) : d.ratioTolerancePts();
    int rank = m.containsKey("rank_move") ? intIn(m.get("rank_move"), "diff.rank_move", 1, Integer.MAX_VALUE) : d.rankMove();
    return new SalesLiftConfig.Diff(money, points, rank);
  }

  /** `experiment:`: a share ({@link SalesLiftConfig.Experiment#shareProblem}; null: no holdout), and a salt. */
  private SalesLiftConfig.Experiment experiment(Object value, SalesLiftConfig.Experiment d) {
    Map<String, Object> m = map(value, "experiment", EXPERIMENT_KEYS);
    BigDecimal share = d.holdoutShare();
    if (m.containsKey("holdout_share")) {
      share = m.get("holdout_share") == null ? null : number(m.get("holdout_share"), "experiment.holdout_share", BigDecimal.ZERO, BigDecimal.ONE);
      if (share != null) {
        SalesLiftConfig.Experiment.shareProblem(share).ifPresent(problem -> {
          throw invalid("experiment.holdout_share", problem);
        });
      }
    }
    String salt = d.salt();
    if (m.containsKey("salt")) {
      if (!(m.get("salt") instanceof String s) || s.isEmpty()) {
        throw invalid("experiment.salt", "must be a non-empty text, got " + describe(m.get("salt")));
      }
      salt = s;
    }
    return new SalesLiftConfig.Experiment(share, salt);
  }

  /** `notify:`; `on` defaults to every outcome. A channel left out is not used. */
  private SalesLiftConfig.Notify notify(Object value) {
    Map<String, Object> m = map(value, "notify", NOTIFY_KEYS);
    java.util.SortedSet<SalesLiftConfig.Notify.Outcome> on = new java.util.TreeSet<>();
    if (m.containsKey("on")) {
      for (String o : strings(m.get("on"), "notify.on")) {
        on.add(oneOf(o, SalesLiftConfig.Notify.Outcome.values(), SalesLiftConfig.Notify.Outcome::key, "notify.on"));
      }
    } else {
      on.addAll(java.util.EnumSet.allOf(SalesLiftConfig.Notify.Outcome.class));
    }
    return new SalesLiftConfig.Notify(java.util.Collections.unmodifiableSortedSet(on),
        Optional.ofNullable(m.get("email")).map(this::email), Optional.ofNullable(m.get("webhook")).map(this::webhook));
  }

  private SalesLiftConfig.Email email(Object value) {
    Map<String, Object> m = map(value, "notify.email", EMAIL_KEYS);
    String k = "notify.email.";
    String host = text(required(m, "smtp_host", k), k + "smtp_host");
    int port = m.containsKey("smtp_port") ? intIn(m.get("smtp_port"), k + "smtp_port", 1, 65_535) : SalesLiftConfig.Email.DEFAULT_PORT;
    boolean starttls = !m.containsKey("starttls") || bool(m.get("starttls"), k + "starttls");
    String username = m.get("username") == null ? null : text(m.get("username"), k + "username");
    String passwordEnv = m.containsKey("password_env") ? envName(m.get("password_env"), k + "password_env")
        : SalesLiftConfig.Email.DEFAULT_PASSWORD_ENV;
    String from = address(required(m, "from", k), k + "from");
    List<String> to = new ArrayList<>();
    for (String address : strings(required(m, "to", k), k + "to")) {
      to.add(address(address, k + "to"));
    }
    if (to.isEmpty()) {
      throw invalid(k + "to", "needs at least one address");
    }
    boolean attach = !m.containsKey("attach_pdf") || bool(m.get("attach_pdf"), k + "attach_pdf");
    return new SalesLiftConfig.Email(host, port, starttls, username, passwordEnv, from, List.copyOf(to), attach);
  }

  private SalesLiftConfig.Webhook webhook(Object value) {
    Map<String, Object> m = map(value, "notify.webhook", WEBHOOK_KEYS);
    String urlEnv = m.containsKey("url_env") ? envName(m.get("url_env"), "notify.webhook.url_env")
        : SalesLiftConfig.Webhook.DEFAULT_URL_ENV;
    SalesLiftConfig.Webhook.Format format = m.containsKey("format")
        ? oneOf(m.get("format"), SalesLiftConfig.Webhook.Format.values(), SalesLiftConfig.Webhook.Format::key, "notify.webhook.format")
        : SalesLiftConfig.Webhook.Format.SLACK;
    return new SalesLiftConfig.Webhook(urlEnv, format);
  }

  private Object required(Map<String, Object> m, String name, String prefix) {
    if (m.get(name) == null) {
      throw invalid(prefix + name, "is required");
    }
    return m.get(name);
  }

  /** An address Jakarta Mail accepts strictly: "a@b.example" or "Sales Ops <a@b.example>". */
  private String address(Object value, String key) {
    String text = text(value, key);
    try {
      new jakarta.mail.internet.InternetAddress(text, true).validate();
      return text;
    } catch (jakarta.mail.internet.AddressException e) {
      throw invalid(key, "'" + text + "' is not an e-mail address");
    }
  }

  /** The name of an environment variable: the setting says where a secret is, never the secret. */
  private String envName(Object value, String key) {
    String name = text(value, key);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw invalid(key, "must name an environment variable (letters, digits, _), got '" + name + "'");
    }
    return name;
  }

  private boolean bool(Object value, String key) {
    if (!(value instanceof Boolean b)) {
      throw invalid(key, "must be true or false, got " + describe(value));
    }
    return b;
  }

  /** The constant whose key is {@code value}, else an error listing the keys. */
  private <E extends Enum<E>> E oneOf(Object value, E[] values, java.util.function.Function<E, String> keyOf, String key) {
    for (E e : values) {
      if (keyOf.apply(e).equals(value)) {
        return e;
      }
    }
    throw invalid(key, "must be one of " + String.join(", ", java.util.Arrays.stream(values).map(keyOf).toList())
        + ", got " + describe(value));
  }

  /** A table named replaces its default limits as a whole; null (or ~) stops checking it; tables not named keep theirs. */
  private Map<String, SalesLiftConfig.FreshnessLimits> freshness(Object value) {
    Map<String, SalesLiftConfig.FreshnessLimits> limits = SalesLiftConfig.defaultFreshness();
    if (value == null) {
      return java.util.Collections.unmodifiableMap(limits);
    }
    for (Map.Entry<String, Object> e : map(value, "freshness", SalesLiftConfig.defaultFreshness().keySet()).entrySet()) {
      String key = "freshness." + e.getKey();
      if (e.getValue() == null) {
        limits.remove(e.getKey());
        continue;
      }
      Map<String, Object> m = map(e.getValue(), key, FRESHNESS_KEYS);
      limits.put(e.getKey(), new SalesLiftConfig.FreshnessLimits(days(m.get("warn_after_days"), key + ".warn_after_days"),
          days(m.get("error_after_days"), key + ".error_after_days")));
    }
    return java.util.Collections.unmodifiableMap(limits);
  }

  private Integer days(Object value, String key) {
    return value == null ? null : intIn(value, key, 0, 36_600);
  }

  private Map<String, Long> sizeBands(Object value) {
    Map<String, Object> raw = map(value, "size_bands", null);
    if (raw.isEmpty()) {
      throw invalid("size_bands", "needs at least one band");
    }
    Map<String, Long> bands = new LinkedHashMap<>();
    Set<Long> bounds = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String key = "size_bands." + e.getKey();
      if (e.getKey().equalsIgnoreCase("UNKNOWN") || e.getKey().equalsIgnoreCase("ALL")) {
        throw invalid(key, "the band names UNKNOWN and ALL are reserved");
      }
      long bound = intIn(e.getValue(), key, 0, Integer.MAX_VALUE);
      if (!bounds.add(bound)) {
        throw invalid(key, "two bands share the lower bound " + bound);
      }
      bands.put(e.getKey(), bound);
    }
    if (!bounds.contains(0L)) {
      throw invalid("size_bands", "one band must start at 0 so that every head count has a band");
    }
    return bands;
  }

  private SalesLiftConfig.Activation activation(Object value, SalesLiftConfig.Activation d) {
    Map<String, Object> m = map(value, "activation", ACTIVATION_KEYS);
    int window = m.containsKey("window_days") ? intIn(m.get("window_days"), "activation.window_days", 0, 3660) : d.windowDays();
    List<String> defaults = m.containsKey("default_events") ? strings(m.get("default_events"), "activation.default_events") : d.defaultEvents();
    Map<String, List<String>> products = new LinkedHashMap<>();
    if (m.containsKey("products") && m.get("products") != null) {
      for (Map.Entry<String, Object> e : map(m.get("products"), "activation.products", null).entrySet()) {
        products.put(e.getKey(), strings(e.getValue(), "activation.products." + e.getKey()));
      }
    }
    return new SalesLiftConfig.Activation(window, defaults, Map.copyOf(products));
  }

  private SalesLiftConfig.SalesTouch salesTouch(Object value, SalesLiftConfig.SalesTouch d) {
    Map<String, Object> m = map(value, "sales_touch", SALES_TOUCH_KEYS);
    if (!m.containsKey("assisted_types")) {
      return d;
    }
    Set<String> types = new LinkedHashSet<>();
    for (String t : strings(m.get("assisted_types"), "sales_touch.assisted_types")) {
      String upper = t.toUpperCase(Locale.ROOT);
      if (!ACTIVITY_TYPES.contains(upper)) {
        throw invalid("sales_touch.assisted_types", "'" + t + "' is not one of " + String.join(", ", new java.util.TreeSet<>(ACTIVITY_TYPES)));
      }
      types.add(upper);
    }
    return new SalesLiftConfig.SalesTouch(Set.copyOf(types));
  }

  private SalesLiftConfig.Lift lift(Object value, SalesLiftConfig.Lift d) {
    Map<String, Object> m = map(value, "lift", LIFT_KEYS);
    int pre = m.containsKey("pre_period_days") ? intIn(m.get("pre_period_days"), "lift.pre_period_days", 0, 3660) : d.prePeriodDays();
    int touch = m.containsKey("touch_window_days") ? intIn(m.get("touch_window_days"), "lift.touch_window_days", 1, 3660) : d.touchWindowDays();
    if (touch <= pre) {
      throw invalid("lift.touch_window_days", "must be greater than lift.pre_period_days (" + pre + ")");
    }
    int reps = m.containsKey("bootstrap_replicates") ? intIn(m.get("bootstrap_replicates"), "lift.bootstrap_replicates", 1, 100_000) : d.bootstrapReplicates();
    int minGroup = m.containsKey("min_group_size") ? intIn(m.get("min_group_size"), "lift.min_group_size", 1, Integer.MAX_VALUE) : d.minGroupSize();
    long seed = m.containsKey("seed") ? longValue(m.get("seed"), "lift.seed") : d.seed();
    return new SalesLiftConfig.Lift(pre, touch, reps, minGroup, seed);
  }

  private SalesLiftConfig.Sources sources(Object value, SalesLiftConfig.Sources d) {
    Map<String, Object> m = map(value, "sources", SOURCES_KEYS);
    return new SalesLiftConfig.Sources(m.containsKey("salesforce") ? salesforce(m.get("salesforce"), d.salesforce()) : d.salesforce(),
        m.containsKey("hubspot") ? hubSpot(m.get("hubspot"), d.hubSpot()) : d.hubSpot(),
        m.containsKey("stripe") ? stripe(m.get("stripe"), d.stripe()) : d.stripe(),
        m.containsKey("events") ? events(m.get("events"), d.events()) : d.events());
  }

  private SalesLiftConfig.Events events(Object value, SalesLiftConfig.Events d) {
    Map<String, Object> m = map(value, "sources.events", EVENTS_KEYS);
    return new SalesLiftConfig.Events(
        m.containsKey("product_property") ? text(m.get("product_property"), "sources.events.product_property") : d.productProperty(),
        m.containsKey("event_products") ? valueMap(m.get("event_products"), "sources.events.event_products", null) : d.eventProducts(),
        m.containsKey("default_product") ? text(m.get("default_product"), "sources.events.default_product") : d.defaultProduct());
  }

  private String text(Object value, String key) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw invalid(key, "must be a non-empty string");
    }
    return s.strip();
  }

  private SalesLiftConfig.Stripe stripe(Object value, SalesLiftConfig.Stripe d) {
    Map<String, Object> m = map(value, "sources.stripe", STRIPE_KEYS);
    String key = m.containsKey("account_metadata_key")
        ? text(m.get("account_metadata_key"), "sources.stripe.account_metadata_key") : d.accountMetadataKey();
    return new SalesLiftConfig.Stripe(key,
        m.containsKey("products") ? valueMap(m.get("products"), "sources.stripe.products", null) : d.products());
  }

  /** A key given replaces the default map as a whole: the company's picklists, not ours plus theirs. */
  private SalesLiftConfig.Salesforce salesforce(Object value, SalesLiftConfig.Salesforce d) {
    Map<String, Object> m = map(value, "sources.salesforce", SALESFORCE_KEYS);
    String k = "sources.salesforce.";
    return new SalesLiftConfig.Salesforce(
        m.containsKey("opportunity_types") ? valueMap(m.get("opportunity_types"), k + "opportunity_types", OPPORTUNITY_TYPES) : d.opportunityTypes(),
        m.containsKey("role_levels") ? valueMap(m.get("role_levels"), k + "role_levels", LEVELS) : d.roleLevels(),
        m.containsKey("activity_types") ? valueMap(m.get("activity_types"), k + "activity_types", ACTIVITY_TYPES) : d.activityTypes(),
        m.containsKey("product_stages") ? valueMap(m.get("product_stages"), k + "product_stages", STAGES) : d.productStages(),
        m.containsKey("product_families") ? valueMap(m.get("product_families"), k + "product_families", null) : d.productFamilies(),
        m.containsKey("quota_period_months") ? intIn(m.get("quota_period_months"), k + "quota_period_months", 1, 12) : d.quotaPeriodMonths(),
        m.containsKey("default_product") ? text(m.get("default_product"), k + "default_product") : d.defaultProduct());
  }

  private SalesLiftConfig.HubSpot hubSpot(Object value, SalesLiftConfig.HubSpot d) {
    Map<String, Object> m = map(value, "sources.hubspot", HUBSPOT_KEYS);
    String k = "sources.hubspot.";
    return new SalesLiftConfig.HubSpot(
        m.containsKey("deal_types") ? valueMap(m.get("deal_types"), k + "deal_types", OPPORTUNITY_TYPES) : d.dealTypes(),
        m.containsKey("segment_property") ? text(m.get("segment_property"), k + "segment_property") : d.segmentProperty(),
        m.containsKey("segments") ? valueMap(m.get("segments"), k + "segments", SEGMENTS) : d.segments(),
        m.containsKey("meeting_types") ? valueMap(m.get("meeting_types"), k + "meeting_types", ACTIVITY_TYPES) : d.meetingTypes());
  }

  /** A map of source values to canonical values; with {@code allowed}, each value must be one of them (any case). */
  private Map<String, String> valueMap(Object value, String key, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return Map.of();
    }
    for (Map.Entry<String, Object> e : map(value, key, null).entrySet()) {
      if (e.getValue() == null && SalesLiftConfig.LEAVING_OUT.contains(key)) {
        out.put(e.getKey(), SalesLiftConfig.LEFT_OUT);
        continue;
      }
      if (!(e.getValue() instanceof String v) || v.isBlank()) {
        throw invalid(key + "." + e.getKey(), "must be a non-empty string");
      }
      String mapped = allowed == null ? v.strip() : v.strip().toUpperCase(Locale.ROOT);
      if (allowed != null && !allowed.contains(mapped)) {
        throw invalid(key + "." + e.getKey(), "'" + v + "' is not one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
      out.put(e.getKey(), mapped);
    }
    return Map.copyOf(out);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String key, Set<String> allowed) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw invalid(key, "must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String name = String.valueOf(e.getKey());
      String path = key.equals("(top level)") ? name : key + "." + name;
      if (allowed != null && !allowed.contains(name)) {
        throw new ConfigException(source + ": unknown key '" + path + "'");
      }
      out.put(name, e.getValue());
    }
    return out;
  }

  private List<String> strings(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(key, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw invalid(key, "must be a list of non-empty strings");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  private int intIn(Object value, String key, long min, long max) {
    long v = longValue(value, key);
    if (v < min || v > max) {
      throw invalid(key, "must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }

  private long longValue(Object value, String key) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.math.BigInteger) {
      throw invalid(key, "is out of range");
    }
    throw invalid(key, "must be an integer, got " + describe(value));
  }

  private BigDecimal ratio(Object value, String key) {
    return number(value, key, BigDecimal.ZERO, BigDecimal.ONE);
  }

  /** A number in [min, max], as YAML gives it (an integer or a decimal), kept exact. */
  private BigDecimal number(Object value, String key, BigDecimal min, BigDecimal max) {
    BigDecimal v;
    if (value instanceof Integer || value instanceof Long) {
      v = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double dbl) {
      v = new BigDecimal(dbl.toString());
    } else {
      throw invalid(key, "must be a number between " + min.toPlainString() + " and " + max.toPlainString() + ", got " + describe(value));
    }
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw invalid(key, "must be between " + min.toPlainString() + " and " + max.toPlainString() + ", got " + v.toPlainString());
    }
    return v;
  }

  private String currencyCode(Object value, String key) {
    if (!(value instanceof String s) || !s.strip().matches("[A-Za-z]{3}")) {
      throw invalid(key, "must be a three-letter ISO 4217 code, got " + describe(value));
    }
    return s.strip().toUpperCase(Locale.ROOT);
  }

  private ZoneId zone(Object value, String key) {
    if (!(value instanceof String s)) {
      throw invalid(key, "must be an IANA time zone name, got " + describe(value));
    }
    try {
      return ZoneId.of(s.strip());
    } catch (DateTimeException e) {
      throw invalid(key, "'" + s + "' is not a known IANA time zone");
    }
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value instanceof String s ? "'" + s + "'" : value.toString();
  }

  private ConfigException invalid(String key, String why) {
    return new ConfigException(source + ": key '" + key + "' " + why);
  }
}

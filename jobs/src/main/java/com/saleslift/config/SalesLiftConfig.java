package com.saleslift.config;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run configuration of docs/configuration.md, fully resolved: every key has its value, defaults
 * included. Built only by {@link ConfigLoader}, so an instance is always valid.
 */
public record SalesLiftConfig(
    String baseCurrency,
    ZoneId reportingTimezone,
    ZoneId sourceTimezone,
    int fiscalYearStartMonth,
    Map<String, Long> sizeBands,
    Activation activation,
    SalesTouch salesTouch,
    Lift lift,
    int quarterEndWindowDays,
    BigDecimal maxRejectRatio,
    Sources sources,
    RunDate runDate,
    Map<String, FreshnessLimits> freshness,
    BigDecimal volumeDropWarn,
    Integer historyKeepDays,
    Diff diff,
    Experiment experiment,
    boolean reportHtmlAccounts,
    Notify notifications,
    Origin origin) {

  /**
   * The holdout of the list to engage (`experiment:`): a share of the accounts the list gives for
   * the first time is held back from reps, by a hash of {@code salt} and the account id, so that
   * the list's effect can be measured against accounts nobody was told to call. Off when
   * {@code holdoutShare} is null.
   */
  public record Experiment(BigDecimal holdoutShare, String salt) {
    public static final Experiment OFF = new Experiment(null, "saleslift");

    public boolean on() {
      return holdoutShare != null;
    }

    /**
     * Why {@code share} cannot be a holdout share, empty when it can: above 0, below 1, and no
     * finer than the ten-thousandths the assignment reads it in (a finer one would be rounded
     * silently).
     */
    public static Optional<String> shareProblem(BigDecimal share) {
      if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) >= 0) {
        return Optional.of("must be above 0 and below 1 (null turns the holdout off), got " + share.toPlainString());
      }
      if (share.stripTrailingZeros().scale() > 4) {
        return Optional.of("is read in ten-thousandths; got " + share.toPlainString());
      }
      return Optional.empty();
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("holdout_share", holdoutShare);
      m.put("salt", salt);
      return m;
    }
  }

  /** What `--date` defaults to: yesterday in the reporting zone, or the day of the newest usage event. */
  public enum RunDate {
    YESTERDAY, INPUT_END;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * When a change between two runs is real rather than noise (`diff:`): a money figure's change
   * above {@code moneyTolerance} of its old value, a money ratio's (NRR, GRR, quota attainment)
   * above {@code ratioTolerancePts} percentage points; an account to engage that moved fewer than
   * {@code rankMove} places is not listed as moved.
   */
  public record Diff(BigDecimal moneyTolerance, BigDecimal ratioTolerancePts, int rankMove) {
    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("money_tolerance", moneyTolerance);
      m.put("ratio_tolerance_pts", ratioTolerancePts);
      m.put("rank_move", rankMove);
      return m;
    }
  }

  /**
   * The age limits of one table's newest accepted row, in days; null turns a limit off.
   * {@code warnAfterDays} past: a data warning; {@code errorAfterDays} past: the run is refused.
   */
  public record FreshnessLimits(Integer warnAfterDays, Integer errorAfterDays) {
    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("warn_after_days", warnAfterDays);
      m.put("error_after_days", errorAfterDays);
      return m;
    }
  }

  /**
   * `notify:`: who hears of a run, for which outcomes. Secrets are never here: the SMTP password
   * and the webhook URL are read from the environment variables named, when a notification is sent.
   */
  public record Notify(java.util.SortedSet<Outcome> on, java.util.Optional<Email> email, java.util.Optional<Webhook> webhook) {
    /** No `notify:` key: nobody is notified. */
    public static final Notify NONE = new Notify(java.util.Collections.emptySortedSet(), java.util.Optional.empty(),
        java.util.Optional.empty());

    /** How a run ended, as `notify.on` names it. */
    public enum Outcome {
      /** Published, with no data warnings. */
      SUCCESS,
      /** Published with data warnings. */
      WARNING,
      /** Refused or failed: nothing published. */
      FAILURE;

      public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    public boolean any() {
      return email.isPresent() || webhook.isPresent();
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("on", on.stream().map(Outcome::key).toList());
      email.ifPresent(e -> m.put("email", e.asMap()));
      webhook.ifPresent(w -> m.put("webhook", w.asMap()));
      return m;
    }
  }

  /** `notify.email`: an SMTP server, plain (a local relay) or upgraded by STARTTLS, and who receives. */
  public record Email(String smtpHost, int smtpPort, boolean starttls, String username, String passwordEnv, String from,
      List<String> to, boolean attachPdf) {
    public static final int DEFAULT_PORT = 587;
    public static final String DEFAULT_PASSWORD_ENV = "SALESLIFT_SMTP_PASSWORD";

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("smtp_host", smtpHost);
      m.put("smtp_port", smtpPort);
      m.put("starttls", starttls);
      m.put("username", username);
      m.put("password_env", passwordEnv);
      m.put("from", from);
      m.put("to", to);
      m.put("attach_pdf", attachPdf);
      return m;
    }
  }

  /** `notify.webhook`: a POST to the URL held by an environment variable, in Slack's format or SalesLift's JSON. */
  public record Webhook(String urlEnv, Format format) {
    public static final String DEFAULT_URL_ENV = "SALESLIFT_WEBHOOK_URL";

    public enum Format {
      SLACK, JSON;

      public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url_env", urlEnv);
      m.put("format", format.key());
      return m;
    }
  }

  /**
   * Where the configuration came from: the file read and its SHA-256, or neither for the built-in
   * defaults; and the files later in the lookup order that exist but were not read.
   */
  public record Origin(String file, String sha256, List<String> ignored) {
    public static final Origin DEFAULTS = new Origin(null, null);

    public Origin(String file, String sha256) {
      this(file, sha256, List.of());
    }

    /** "configuration read from A; also found and ignored: B": said aloud, as a user editing B expects it read. */
    public Optional<String> shadowNote() {
      return ignored.isEmpty() ? Optional.empty()
          : Optional.of("configuration read from " + file + "; also found and ignored: " + String.join(", ", ignored));
    }
  }

  /** The tables a freshness limit may name, in the order checks are reported; the defaults of docs/configuration.md. */
  public static Map<String, FreshnessLimits> defaultFreshness() {
    Map<String, FreshnessLimits> m = new LinkedHashMap<>();
    m.put("usage_events", new FreshnessLimits(2, null));
    m.put("opportunities", new FreshnessLimits(7, null));
    m.put("activities", new FreshnessLimits(7, null));
    m.put("subscriptions", new FreshnessLimits(35, null));
    return m;
  }

  /** The same settings read from {@code origin}. */
  public SalesLiftConfig from(Origin origin) {
    return new SalesLiftConfig(baseCurrency, reportingTimezone, sourceTimezone, fiscalYearStartMonth, sizeBands, activation,
        salesTouch, lift, quarterEndWindowDays, maxRejectRatio, sources, runDate, freshness, volumeDropWarn, historyKeepDays, diff, experiment, reportHtmlAccounts, notifications, origin);
  }

  public record Activation(int windowDays, List<String> defaultEvents, Map<String, List<String>> products) {
    /** The events that activate product p: its own list, else the default list. */
    public List<String> eventsFor(String productId) {
      return products.getOrDefault(productId, defaultEvents);
    }
  }

  public record SalesTouch(Set<String> assistedTypes) {}

  public record Lift(int prePeriodDays, int touchWindowDays, int bootstrapReplicates, int minGroupSize, long seed) {}

  /**
   * The canonical value of a source value mapped to null in `activity_types` or `meeting_types`:
   * its records are left out (counted), not rejected.
   */
  public static final String LEFT_OUT = "";
  /** The value maps where null leaves a value's records out (generic to-do Tasks, internal meetings). */
  public static final java.util.Set<String> LEAVING_OUT = java.util.Set.of("sources.salesforce.activity_types",
      "sources.hubspot.meeting_types");

  /** A value map as run.json shows it: a value mapped to null shows null. */
  static Map<String, String> shown(Map<String, String> map) {
    Map<String, String> m = new java.util.TreeMap<>();
    map.forEach((k, v) -> m.put(k, v.equals(LEFT_OUT) ? null : v));
    return m;
  }

  /** How the exports of other tools map onto the canonical model (docs/inputs.md). */
  public record Sources(Salesforce salesforce, HubSpot hubSpot, Stripe stripe, Events events) {}

  /**
   * `sources.hubspot`: deal types to opportunity types; the company property that says B2B or B2C
   * and its values (without one every company is B2B: HubSpot companies are businesses); meeting
   * types (`hs_activity_type`) that are another activity type than MEETING, such as demos.
   */
  public record HubSpot(Map<String, String> dealTypes, String segmentProperty, Map<String, String> segments,
      Map<String, String> meetingTypes) {
    public static HubSpot defaults() {
      return new HubSpot(Map.of("newbusiness", "NEW_BUSINESS", "existingbusiness", "UPSELL"), "", Map.of(), Map.of());
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("deal_types", new java.util.TreeMap<>(dealTypes));
      m.put("segment_property", segmentProperty);
      m.put("segments", new java.util.TreeMap<>(segments));
      m.put("meeting_types", shown(meetingTypes));
      return m;
    }
  }

  /**
   * `sources.events` (segment/ and posthog/): the product of an event from a column or property,
   * else from its name, else a default (empty: no default, the event is a reject).
   */
  public record Events(String productProperty, Map<String, String> eventProducts, String defaultProduct) {
    public static Events defaults() {
      return new Events("", Map.of(), "");
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("product_property", productProperty);
      m.put("event_products", new java.util.TreeMap<>(eventProducts));
      m.put("default_product", defaultProduct);
      return m;
    }
  }

  /** `sources.stripe`: the customer metadata key holding the CRM account id, and Stripe price or product ids to product ids. */
  public record Stripe(String accountMetadataKey, Map<String, String> products) {
    public static Stripe defaults() {
      return new Stripe("crm_account_id", Map.of());
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("account_metadata_key", accountMetadataKey);
      m.put("products", new java.util.TreeMap<>(products));
      return m;
    }
  }

  /**
   * `sources.salesforce`: picklist values and role names to canonical enums, lifecycle stages
   * per product id, quota product families to product ids, and the length of a quota period.
   */
  public record Salesforce(Map<String, String> opportunityTypes, Map<String, String> roleLevels,
      Map<String, String> activityTypes, Map<String, String> productStages, Map<String, String> productFamilies,
      int quotaPeriodMonths, String defaultProduct) {
    public static Salesforce defaults() {
      return new Salesforce(Map.of("New Business", "NEW_BUSINESS", "New Customer", "NEW_BUSINESS",
          "Existing Customer - Upgrade", "UPSELL", "Existing Business", "UPSELL"), Map.of(),
          Map.of("Call", "CALL", "Email", "EMAIL", "ListEmail", "MAILER", "Meeting", "MEETING", "Demo", "DEMO"),
          Map.of(), Map.of(), 3, null);
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("opportunity_types", new java.util.TreeMap<>(opportunityTypes));
      m.put("role_levels", new java.util.TreeMap<>(roleLevels));
      m.put("activity_types", shown(activityTypes));
      m.put("product_stages", new java.util.TreeMap<>(productStages));
      m.put("product_families", new java.util.TreeMap<>(productFamilies));
      m.put("quota_period_months", quotaPeriodMonths);
      m.put("default_product", defaultProduct);
      return m;
    }
  }

  public static SalesLiftConfig defaults() {
    Map<String, Long> bands = new LinkedHashMap<>();
    bands.put("SMB", 0L);
    bands.put("MID", 100L);
    bands.put("ENT", 1000L);
    return new SalesLiftConfig(
        "USD",
        ZoneId.of("UTC"),
        ZoneId.of("UTC"),
        1,
        bands,
        new Activation(14, List.of(), Map.of()),
        new SalesTouch(Set.of("CALL", "MEETING", "DEMO")),
        new Lift(7, 90, 200, 20, 42L),
        14,
        new BigDecimal("0.01"),
        new Sources(Salesforce.defaults(), HubSpot.defaults(), Stripe.defaults(), Events.defaults()),
        RunDate.YESTERDAY,
        java.util.Collections.unmodifiableMap(defaultFreshness()),
        new BigDecimal("0.5"),
        400,
        new Diff(new BigDecimal("0.01"), new BigDecimal("1.0"), 5),
        Experiment.OFF,
        true,
        Notify.NONE,
        Origin.DEFAULTS);
  }

  /** The configuration in effect, under the keys of docs/configuration.md, for run.json. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("base_currency", baseCurrency);
    m.put("reporting_timezone", reportingTimezone.getId());
    m.put("source_timezone", sourceTimezone.getId());
    m.put("fiscal_year_start_month", fiscalYearStartMonth);
    m.put("size_bands", sizeBands);
    m.put("activation", Map.of("window_days", activation.windowDays(), "default_events", activation.defaultEvents(),
        "products", new java.util.TreeMap<>(activation.products())));
    m.put("sales_touch", Map.of("assisted_types", new java.util.TreeSet<>(salesTouch.assistedTypes())));
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("pre_period_days", lift.prePeriodDays());
    l.put("touch_window_days", lift.touchWindowDays());
    l.put("bootstrap_replicates", lift.bootstrapReplicates());
    l.put("min_group_size", lift.minGroupSize());
    l.put("seed", lift.seed());
    m.put("lift", l);
    m.put("quarter_end_window_days", quarterEndWindowDays);
    m.put("max_reject_ratio", maxRejectRatio);
    Map<String, Object> sourceMaps = new LinkedHashMap<>();
    sourceMaps.put("salesforce", sources.salesforce().asMap());
    sourceMaps.put("hubspot", sources.hubSpot().asMap());
    sourceMaps.put("stripe", sources.stripe().asMap());
    sourceMaps.put("events", sources.events().asMap());
    m.put("sources", sourceMaps);
    m.put("run_date", runDate.key());
    Map<String, Object> limits = new LinkedHashMap<>();
    freshness.forEach((table, limit) -> limits.put(table, limit.asMap()));
    m.put("freshness", limits);
    m.put("volume_drop_warn", volumeDropWarn);
    Map<String, Object> history = new LinkedHashMap<>();
    history.put("keep_days", historyKeepDays);
    m.put("history", history);
    m.put("diff", diff.asMap());
    m.put("experiment", experiment.asMap());
    m.put("report", Map.of("html_accounts", reportHtmlAccounts));
    if (notifications.any()) {
      m.put("notify", notifications.asMap());
    }
    return m;
  }

  /** The band of a head count: the band with the largest lower bound not above it. */
  public String sizeBandOf(Long employees) {
    if (employees == null) {
      return "UNKNOWN";
    }
    String best = "UNKNOWN";
    long bestBound = Long.MIN_VALUE;
    for (Map.Entry<String, Long> band : sizeBands.entrySet()) {
      if (band.getValue() <= employees && band.getValue() > bestBound) {
        best = band.getKey();
        bestBound = band.getValue();
      }
    }
    return best;
  }
}

package com.saleslift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void emptyFileMeansDefaults() {
    assertThat(ConfigLoader.parse("", "saleslift.yaml")).isEqualTo(SalesLiftConfig.defaults());
  }

  @Test
  void readsEveryKey() {
    SalesLiftConfig c = ConfigLoader.parse("""
        base_currency: eur
        reporting_timezone: Europe/Berlin
        source_timezone: America/New_York
        fiscal_year_start_month: 2
        size_bands: {S: 0, L: 500}
        activation:
          window_days: 7
          default_events: [open]
          products: {p: [a, b]}
        sales_touch:
          assisted_types: [call, demo]
        lift: {pre_period_days: 3, touch_window_days: 60, bootstrap_replicates: 50, min_group_size: 5, seed: 9}
        quarter_end_window_days: 10
        max_reject_ratio: 0.05
        """, "x.yaml");
    assertThat(c.baseCurrency()).isEqualTo("EUR");
    assertThat(c.reportingTimezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.sourceTimezone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(c.fiscalYearStartMonth()).isEqualTo(2);
    assertThat(c.sizeBandOf(499L)).isEqualTo("S");
    assertThat(c.sizeBandOf(500L)).isEqualTo("L");
    assertThat(c.sizeBandOf(null)).isEqualTo("UNKNOWN");
    assertThat(c.activation().eventsFor("p")).containsExactly("a", "b");
    assertThat(c.activation().eventsFor("other")).containsExactly("open");
    assertThat(c.salesTouch().assistedTypes()).isEqualTo(Set.of("CALL", "DEMO"));
    assertThat(c.lift()).isEqualTo(new SalesLiftConfig.Lift(3, 60, 50, 5, 9));
    assertThat(c.quarterEndWindowDays()).isEqualTo(10);
    assertThat(c.maxRejectRatio()).isEqualByComparingTo(new BigDecimal("0.05"));
    assertThat(c.activation().windowDays()).isEqualTo(7);
    assertThat(c.activation().defaultEvents()).isEqualTo(List.of("open"));
  }

  @Test
  void freshnessLimitsReplaceTheDefaultsTableByTable() {
    SalesLiftConfig d = SalesLiftConfig.defaults();
    assertThat(d.runDate()).isEqualTo(SalesLiftConfig.RunDate.YESTERDAY);
    assertThat(d.freshness()).containsExactly(
        Map.entry("usage_events", new SalesLiftConfig.FreshnessLimits(2, null)),
        Map.entry("opportunities", new SalesLiftConfig.FreshnessLimits(7, null)),
        Map.entry("activities", new SalesLiftConfig.FreshnessLimits(7, null)),
        Map.entry("subscriptions", new SalesLiftConfig.FreshnessLimits(35, null)));
    assertThat(d.volumeDropWarn()).isEqualByComparingTo("0.5");

    SalesLiftConfig c = ConfigLoader.parse("""
        run_date: input_end
        freshness:
          usage_events: {error_after_days: 3}
          activities: null
        volume_drop_warn: null
        """, "x.yaml");
    assertThat(c.runDate()).isEqualTo(SalesLiftConfig.RunDate.INPUT_END);
    // Named: replaced as a whole (its warning limit is off now); null: not checked; not named: the default.
    assertThat(c.freshness()).containsExactly(
        Map.entry("usage_events", new SalesLiftConfig.FreshnessLimits(null, 3)),
        Map.entry("opportunities", new SalesLiftConfig.FreshnessLimits(7, null)),
        Map.entry("subscriptions", new SalesLiftConfig.FreshnessLimits(35, null)));
    assertThat(c.volumeDropWarn()).isNull();

    assertThatThrownBy(() -> ConfigLoader.parse("freshness:\n  targets: {warn_after_days: 3}\n", "c.yaml"))
        .hasMessage("c.yaml: unknown key 'freshness.targets'");
    assertThatThrownBy(() -> ConfigLoader.parse("freshness:\n  usage_events: {warn_after: 3}\n", "c.yaml"))
        .hasMessage("c.yaml: unknown key 'freshness.usage_events.warn_after'");
    assertThatThrownBy(() -> ConfigLoader.parse("freshness:\n  usage_events: {warn_after_days: -1}\n", "c.yaml"))
        .hasMessage("c.yaml: key 'freshness.usage_events.warn_after_days' must be between 0 and 36600, got -1");
    assertThatThrownBy(() -> ConfigLoader.parse("run_date: today\n", "c.yaml"))
        .hasMessage("c.yaml: key 'run_date' must be one of yesterday, input_end, got 'today'");
    assertThatThrownBy(() -> ConfigLoader.parse("volume_drop_warn: 2\n", "c.yaml"))
        .hasMessage("c.yaml: key 'volume_drop_warn' must be between 0 and 1, got 2");
  }

  @Test
  void theHoldoutIsOffUnlessAShareBetweenZeroAndOneIsGiven() {
    assertThat(ConfigLoader.parse("", "c.yaml").experiment().on()).isFalse();
    SalesLiftConfig c = ConfigLoader.parse("experiment:\n  holdout_share: 0.2\n", "c.yaml");
    assertThat(c.experiment().holdoutShare()).isEqualByComparingTo("0.2");
    assertThat(c.experiment().salt()).isEqualTo("saleslift");
    assertThat(ConfigLoader.parse("experiment: {holdout_share: null, salt: q4}\n", "c.yaml").experiment())
        .isEqualTo(new SalesLiftConfig.Experiment(null, "q4"));
    assertThatThrownBy(() -> ConfigLoader.parse("experiment: {holdout_share: 0}\n", "c.yaml"))
        .hasMessage("c.yaml: key 'experiment.holdout_share' must be above 0 and below 1 (null turns the holdout off), got 0");
    assertThatThrownBy(() -> ConfigLoader.parse("experiment: {holdout_share: 1}\n", "c.yaml"))
        .hasMessage("c.yaml: key 'experiment.holdout_share' must be above 0 and below 1 (null turns the holdout off), got 1");
    assertThatThrownBy(() -> ConfigLoader.parse("experiment: {holdout_share: 0.12345}\n", "c.yaml"))
        .hasMessage("c.yaml: key 'experiment.holdout_share' is read in ten-thousandths; got 0.12345");
    assertThatThrownBy(() -> ConfigLoader.parse("experiment: {holdout_share: '20%'}\n", "c.yaml"))
        .hasMessage("c.yaml: key 'experiment.holdout_share' must be a number between 0 and 1, got '20%'");
    assertThatThrownBy(() -> ConfigLoader.parse("experiment: {salt: ''}\n", "c.yaml"))
        .hasMessage("c.yaml: key 'experiment.salt' must be a non-empty text, got ''");
    assertThatThrownBy(() -> ConfigLoader.parse("experiment: {share: 0.2}\n", "c.yaml"))
        .hasMessage("c.yaml: unknown key 'experiment.share'");
  }

  @Test
  void notifyReadsItsChannelsWithDefaultsAndNamesEveryBadKey() {
    SalesLiftConfig c = ConfigLoader.parse("""
        notify:
          email:
            smtp_host: smtp.example.com
            username: saleslift
            from: SalesLift <saleslift@example.com>
            to: [leadership@example.com]
          webhook: {format: json}
        """, "c.yaml");
    SalesLiftConfig.Notify n = c.notifications();
    assertThat(n.on()).containsExactly(SalesLiftConfig.Notify.Outcome.SUCCESS, SalesLiftConfig.Notify.Outcome.WARNING,
        SalesLiftConfig.Notify.Outcome.FAILURE);
    assertThat(n.email()).contains(new SalesLiftConfig.Email("smtp.example.com", 587, true, "saleslift", "SALESLIFT_SMTP_PASSWORD",
        "SalesLift <saleslift@example.com>", List.of("leadership@example.com"), true));
    assertThat(n.webhook()).contains(new SalesLiftConfig.Webhook("SALESLIFT_WEBHOOK_URL", SalesLiftConfig.Webhook.Format.JSON));
    // run.json shows the settings: the names of the variables that hold secrets, never a secret.
    assertThat(c.asMap().get("notify").toString()).isEqualTo("{on=[success, warning, failure], email={smtp_host=smtp.example.com, "
        + "smtp_port=587, starttls=true, username=saleslift, password_env=SALESLIFT_SMTP_PASSWORD, "
        + "from=SalesLift <saleslift@example.com>, to=[leadership@example.com], attach_pdf=true}, "
        + "webhook={url_env=SALESLIFT_WEBHOOK_URL, format=json}}");
    assertThat(ConfigLoader.parse("notify: {on: [failure], webhook: {}}", "c.yaml").notifications().on())
        .containsExactly(SalesLiftConfig.Notify.Outcome.FAILURE);
    assertThat(SalesLiftConfig.defaults().asMap()).doesNotContainKey("notify");

    assertThatThrownBy(() -> ConfigLoader.parse("notify: {on: [always]}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.on' must be one of success, warning, failure, got 'always'");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {email: {from: a@example.com, to: [b@example.com]}}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.email.smtp_host' is required");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {email: {smtp_host: h, from: a@example.com, to: [not an address]}}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.email.to' 'not an address' is not an e-mail address");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {email: {smtp_host: h, from: a@example.com, to: []}}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.email.to' needs at least one address");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {email: {smtp_host: h, password: hunter2}}", "c.yaml"))
        .hasMessage("c.yaml: unknown key 'notify.email.password'");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {webhook: {url_env: 'https://hooks.example.com/x'}}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.webhook.url_env' must name an environment variable (letters, digits, _), "
            + "got 'https://hooks.example.com/x'");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {webhook: {format: teams}}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.webhook.format' must be one of slack, json, got 'teams'");
    assertThatThrownBy(() -> ConfigLoader.parse("notify: {email: {smtp_host: h, starttls: yes please, from: a@example.com, "
        + "to: [b@example.com]}}", "c.yaml"))
        .hasMessage("c.yaml: key 'notify.email.starttls' must be true or false, got 'yes please'");
  }

  @Test
  void theReleasesExampleHoldsEveryKeyAtItsDefault() throws Exception {
    String example = Files.readString(Path.of("..", "dist", "src", "conf", "saleslift.yaml.example"));
    assertThat(ConfigLoader.parse(example, "saleslift.yaml.example")).isEqualTo(SalesLiftConfig.defaults());
    for (String key : SalesLiftConfig.defaults().asMap().keySet()) {
      assertThat(example).as(key).containsPattern("(?m)^" + key + ":");
    }
    // notify: is shown, commented out: with it every run would try to send mail.
    assertThat(example).containsPattern("(?m)^# notify:$");
    String uncommented = example.substring(example.indexOf("# notify:")).replaceAll("(?m)^# ", "");
    assertThat(ConfigLoader.parse(uncommented, "x").notifications().email()).isPresent();
  }

  @Test
  void aFileReadRecordsItsPathAndChecksum(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "base_currency: EUR\n");
    // As sha256sum prints it for those 19 bytes.
    assertThat(ConfigLoader.load(file).origin()).isEqualTo(new SalesLiftConfig.Origin(file.toString(),
        "eccff6741eeaae07a5246991a747ad321f0bb7da5c4c452bb16d516d1422f42d"));
    assertThat(SalesLiftConfig.defaults().origin()).isEqualTo(SalesLiftConfig.Origin.DEFAULTS);
  }

  @Test
  void anUnknownKeyIsNamedWithItsPath() {
    assertThatThrownBy(() -> ConfigLoader.parse("lift:\n  seeed: 3\n", "in/saleslift.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("in/saleslift.yaml: unknown key 'lift.seeed'");
    assertThatThrownBy(() -> ConfigLoader.parse("base_curency: USD\n", "c.yaml"))
        .hasMessage("c.yaml: unknown key 'base_curency'");
  }

  @Test
  void wrongTypesAndValuesNameTheKey() {
    assertThatThrownBy(() -> ConfigLoader.parse("fiscal_year_start_month: march\n", "c.yaml"))
        .hasMessage("c.yaml: key 'fiscal_year_start_month' must be an integer, got 'march'");
    assertThatThrownBy(() -> ConfigLoader.parse("fiscal_year_start_month: 13\n", "c.yaml"))
        .hasMessage("c.yaml: key 'fiscal_year_start_month' must be between 1 and 12, got 13");
    assertThatThrownBy(() -> ConfigLoader.parse("reporting_timezone: Mars/Olympus\n", "c.yaml"))
        .hasMessage("c.yaml: key 'reporting_timezone' 'Mars/Olympus' is not a known IANA time zone");
    assertThatThrownBy(() -> ConfigLoader.parse("max_reject_ratio: 2\n", "c.yaml"))
        .hasMessage("c.yaml: key 'max_reject_ratio' must be between 0 and 1, got 2");
    assertThatThrownBy(() -> ConfigLoader.parse("sales_touch: {assisted_types: [VISIT]}\n", "c.yaml"))
        .hasMessageStartingWith("c.yaml: key 'sales_touch.assisted_types' 'VISIT' is not one of");
    assertThatThrownBy(() -> ConfigLoader.parse("size_bands: {MID: 100}\n", "c.yaml"))
        .hasMessageContaining("size_bands");
    assertThatThrownBy(() -> ConfigLoader.parse("lift: {pre_period_days: 30, touch_window_days: 20}\n", "c.yaml"))
        .hasMessageContaining("lift.touch_window_days");
  }

  @Test
  void brokenYamlIsAConfigError() {
    assertThatThrownBy(() -> ConfigLoader.parse("lift: [unclosed\n", "c.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("c.yaml: invalid YAML");
  }

  @Test
  void salesforceMapsReplaceTheDefaultsAndCheckTheirCanonicalValues() {
    SalesLiftConfig c = ConfigLoader.parse("""
        sources:
          salesforce:
            role_levels: {"VP Sales": director}
            quota_period_months: 1
        """, "x.yaml");
    assertThat(c.sources().salesforce().roleLevels()).isEqualTo(java.util.Map.of("VP Sales", "DIRECTOR"));
    assertThat(c.sources().salesforce().quotaPeriodMonths()).isEqualTo(1);
    assertThat(c.sources().salesforce().activityTypes()).containsEntry("ListEmail", "MAILER");
    assertThatThrownBy(() -> ConfigLoader.parse("sources: {salesforce: {role_levels: {Boss: CEO}}}", "x.yaml"))
        .hasMessage("x.yaml: key 'sources.salesforce.role_levels.Boss' 'CEO' is not one of DIRECTOR, EXEC, MANAGER, STAFF");
    assertThatThrownBy(() -> ConfigLoader.parse("sources: {salesforce: {stages: {}}}", "x.yaml"))
        .hasMessage("x.yaml: unknown key 'sources.salesforce.stages'");
    assertThatThrownBy(() -> ConfigLoader.parse("sources: {hubspot: {deals: {}}}", "x.yaml"))
        .hasMessage("x.yaml: unknown key 'sources.hubspot.deals'");
  }

  @Test
  void hubSpotMapsHaveDefaultsAndCheckTheirCanonicalValues() {
    SalesLiftConfig defaults = ConfigLoader.parse("sources: {hubspot: {}}", "x.yaml");
    assertThat(defaults.sources().hubSpot().dealTypes())
        .isEqualTo(java.util.Map.of("newbusiness", "NEW_BUSINESS", "existingbusiness", "UPSELL"));
    assertThat(defaults.sources().hubSpot().segmentProperty()).isEmpty();
    SalesLiftConfig c = ConfigLoader.parse("""
        sources:
          hubspot:
            deal_types: {renewal: renewal}
            segment_property: customer_kind
            segments: {Consumer: b2c, Business: B2B}
            meeting_types: {Demo: DEMO}
        """, "x.yaml");
    assertThat(c.sources().hubSpot().dealTypes()).isEqualTo(java.util.Map.of("renewal", "RENEWAL"));
    assertThat(c.sources().hubSpot().segments()).isEqualTo(java.util.Map.of("Consumer", "B2C", "Business", "B2B"));
    assertThat(c.sources().hubSpot().meetingTypes()).isEqualTo(java.util.Map.of("Demo", "DEMO"));
    assertThatThrownBy(() -> ConfigLoader.parse("sources: {hubspot: {segments: {Gov: B2G}}}", "x.yaml"))
        .hasMessage("x.yaml: key 'sources.hubspot.segments.Gov' 'B2G' is not one of B2B, B2C");
  }

  @Test
  void theFirstFileOfTheLookupOrderIsReadAndTheOthersFoundAreNamed(@TempDir Path dir) throws Exception {
    Path input = Files.createDirectories(dir.resolve("input"));
    Path inInput = Files.writeString(input.resolve("saleslift.yaml"), "base_currency: GBP\n");
    Path fromEnv = Files.writeString(dir.resolve("env.yaml"), "base_currency: EUR\n");
    Path flag = Files.writeString(dir.resolve("flag.yaml"), "base_currency: CHF\n");

    SalesLiftConfig byFlag = ConfigLoader.resolve(Optional.of(flag), Optional.of(fromEnv), input);
    assertThat(byFlag.baseCurrency()).isEqualTo("CHF");
    assertThat(byFlag.origin().shadowNote()).contains("configuration read from " + flag + "; also found and ignored: "
        + fromEnv + " ($SALESLIFT_CONFIG), " + inInput);

    SalesLiftConfig byEnv = ConfigLoader.resolve(Optional.empty(), Optional.of(fromEnv), input);
    assertThat(byEnv.baseCurrency()).isEqualTo("EUR");
    assertThat(byEnv.origin().shadowNote()).contains("configuration read from " + fromEnv + "; also found and ignored: " + inInput);

    SalesLiftConfig byInput = ConfigLoader.resolve(Optional.empty(), Optional.empty(), input);
    assertThat(byInput.baseCurrency()).isEqualTo("GBP");
    assertThat(byInput.origin().shadowNote()).isEmpty();
    // The same file named twice shadows nothing.
    assertThat(ConfigLoader.resolve(Optional.of(inInput), Optional.empty(), input).origin().shadowNote()).isEmpty();
  }
}

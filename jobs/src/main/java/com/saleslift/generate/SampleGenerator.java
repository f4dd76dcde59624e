package com.saleslift.generate;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.metrics.HoldoutAssignment;
import com.saleslift.metrics.UsageBand;
import com.saleslift.run.AssignmentLog;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic, realistic input folder in the canonical format: a sales org of one
 * director, three managers, six execs and twelve staff; B2B and B2C accounts of every size;
 * three products at different lifecycle stages; subscriptions with every MRR movement; usage
 * events, opportunities, activities, targets, feature requests, exchange rates, and a handful
 * of bad and re-exported rows so rejects and de-duplication have something to show.
 *
 * <p>Sales touches carry a planted effect: a touch in days [7, 90) after signup raises the
 * chance to pay within 180 days by a known amount per segment and size band, and reps touch
 * accounts that already use the product a lot more often, as real reps do, so the naive
 * comparison flatters sales. Touch and conversion depend on the account's early usage band only
 * through that band, which is what sales_lift stratifies on, so its adjusted estimate can be
 * checked against the planted truth ({@code planted_effects.csv}).
 */
public final class SampleGenerator {
  /**
   * Default planted effects, how much a sales touch raises the chance to pay within 180 days, as
   * `generate --help` prints them: {@link #DEFAULT_EFFECTS} is read from this one text.
   */
  public static final String DEFAULT_EFFECTS_TEXT = "B2B/ENT=0.35, B2B/MID=0.30, B2B/SMB=0.15, B2C/SMB=0, B2C/UNKNOWN=0";
  public static final Map<String, Double> DEFAULT_EFFECTS = effects(DEFAULT_EFFECTS_TEXT);

  private static Map<String, Double> effects(String text) {
    Map<String, Double> effects = new TreeMap<>();
    for (String cell : text.split(", ")) {
      effects.put(cell.substring(0, cell.indexOf('=')), Double.parseDouble(cell.substring(cell.indexOf('=') + 1)));
    }
    return java.util.Collections.unmodifiableMap(effects);
  }
  /**
   * Accounts of data-samples/ (and of `generate` without --accounts): enough that its report shows
   * the planted B2B effect as clear and no effect in B2C, small enough to commit and run in seconds.
   */
  public static final int SAMPLE_ACCOUNTS = 3000;
  /** A planted effect must keep every conversion chance within [0, 1]. */
  public static final double MIN_EFFECT = -0.05;
  public static final double MAX_EFFECT = 0.45;
  /** How far into the product an account's early usage band puts it: drives touches and conversion alike. */
  private static final Map<UsageBand, Double> USAGE_LEVEL = Map.of(
      UsageBand.NONE, 0.0, UsageBand.LOW, 0.1, UsageBand.MEDIUM, 0.45, UsageBand.HIGH, 0.9);
  // The generated saleslift.yaml leaves lift: to its defaults, so the windows planted are the ones measured.
  private static final int PRE_PERIOD_DAYS = SalesLiftConfig.defaults().lift().prePeriodDays();
  private static final int TOUCH_WINDOW_DAYS = SalesLiftConfig.defaults().lift().touchWindowDays();
  static final int FISCAL_YEAR_START_MONTH = 2;
  private static final String CORE = "core";
  private static final String ANALYTICS = "analytics";
  private static final String AI = "ai-assist";
  private static final LocalDate AI_LAUNCH = LocalDate.of(2025, 9, 15);
  private static final String USAGE_EVENTS = "usage_events";
  /** Events repeated under their own id a minute later, every {@link #EVENT_STRIDE}th, as re-sent analytics batches are. */
  private static final int REPEATED_EVENTS = 40;
  private static final int EVENT_STRIDE = 97;
  /** Enough leading rows of each table for every bad or repeated row copied from one. */
  private static final int FIRST_ROWS_KEPT = REPEATED_EVENTS * EVENT_STRIDE;
  private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  /**
   * effects: planted effect per "SEGMENT/SIZE_BAND" (see {@link #DEFAULT_EFFECTS}); a cell not
   * named has none. eventsPerAccount: 0 for the usage the story gives (about 20 events an
   * account), else ongoing usage added after the pre-period to bring each account to about that
   * many. partitionEvents: usage events as `usage_events/dt=YYYY-MM-DD/part-00000.csv`, one
   * folder per day (UTC), as nightly exports arrive.
   */
  public record Settings(int accounts, int months, long seed, LocalDate end, Map<String, Double> effects,
      int eventsPerAccount, boolean partitionEvents, Holdout holdout) {
    public Settings {
      effects = Map.copyOf(effects);
      for (Map.Entry<String, Double> e : effects.entrySet()) {
        if (!DEFAULT_EFFECTS.containsKey(e.getKey())) {
          throw new IllegalArgumentException("no such segment/size band: " + e.getKey() + " (one of "
              + String.join(", ", DEFAULT_EFFECTS.keySet()) + ")");
        }
        if (e.getValue() < MIN_EFFECT || e.getValue() > MAX_EFFECT) {
          throw new IllegalArgumentException("effect of " + e.getKey() + " must be between " + MIN_EFFECT + " and " + MAX_EFFECT);
        }
      }
    }

    public Settings(int accounts, int months, long seed, LocalDate end, Map<String, Double> effects,
        int eventsPerAccount, boolean partitionEvents) {
      this(accounts, months, seed, end, effects, eventsPerAccount, partitionEvents, null);
    }

    public Settings(int accounts, int months, long seed, LocalDate end, Map<String, Double> effects) {
      this(accounts, months, seed, end, effects, 0, false);
    }

    public Settings(int accounts, int months, long seed, LocalDate end) {
      this(accounts, months, seed, end, DEFAULT_EFFECTS);
    }
  }

  /**
   * A company that has used the list to engage with a holdout for the year before the end: on
   * the night an account is first listed (its seventh day, in a cell whose planted effect is
   * positive, untouched and unpaid), the job's own hash assigns its arm; reps touch a listed
   * account with probability {@code compliance} and a held-out one with {@link #HELD_OUT_TOUCH},
   * and the planted effect pays off on the touch alone. The log of that year goes to the
   * assignment log of {@code output}, the folder the nightly publishes to, so its first run
   * continues the experiment; the truth (the planted effect times the difference in touch
   * rates) goes to {@link #PLANTED_HOLDOUT_FILE}.
   */
  public record Holdout(BigDecimal share, double compliance, Path output) {
    public Holdout {
      // The share the generated saleslift.yaml carries on: what its configuration accepts.
      SalesLiftConfig.Experiment.shareProblem(share).ifPresent(problem -> {
        throw new IllegalArgumentException("the holdout share " + problem);
      });
      if (compliance < HELD_OUT_TOUCH || compliance > 1) {
        throw new IllegalArgumentException("compliance must be between " + HELD_OUT_TOUCH + " and 1, got " + compliance);
      }
    }
  }

  /** The share of B2C accounts with an owner: only those can be touched, listed or not. */
  private static final double B2C_OWNED = 0.35;
  /** How often reps touch a held-out account anyway: they find it by themselves. */
  public static final double HELD_OUT_TOUCH = 0.05;
  /** The experimental truth per cell, for checking holdout_lift against: not an input table. */
  public static final String PLANTED_HOLDOUT_FILE = "planted_holdout.csv";
  /** How long the simulated company has run the holdout before the end. */
  private static final int HOLDOUT_DAYS = 365;

  private final Settings settings;
  private final SplittableRandom rnd;
  /** The holdout's assignments, by the night they were made. */
  private final Map<LocalDate, List<HoldoutAssignment.Assignment>> assignments = new TreeMap<>();
  private final LocalDate start;
  /** Rows generated and not yet written: an account's rows change until its story ends (a subscription closes). */
  private final List<Pending> pending = new ArrayList<>();
  private final Written written = new Written();
  private CsvSink sink;
  private final List<String> sellers = new ArrayList<>();
  /** Won core amounts by "seller|fiscal quarter start", for targets near what each seller won. */
  private final Map<String, BigDecimal> wonOnCore = new TreeMap<>();
  private final Map<String, String> managerOf = new TreeMap<>();
  private final Map<String, String> levelOf = new TreeMap<>();
  private int opportunitySeq;
  private int activitySeq;
  private int eventSeq;
  private int requestSeq;

  private SampleGenerator(Settings settings) {
    this.settings = settings;
    this.rnd = new SplittableRandom(settings.seed());
    this.start = settings.end().plusDays(1).minusMonths(settings.months());
  }

  public static void write(Path out, Settings settings) throws IOException {
    Files.createDirectories(out);
    new SampleGenerator(settings).generate(out);
  }

  private void generate(Path out) throws IOException {
    try (CsvSink csv = new CsvSink(out, settings.partitionEvents())) {
      sink = csv;
      csv.header("reps", "rep_id", "rep_name", "level", "manager_id", "area", "hired_at", "left_at");
      csv.header("products", "product_id", "product_name", "family", "lifecycle_stage", "launched_at");
      csv.header("fx_rates", "currency", "rate_date", "rate_to_base");
      csv.header("accounts", ACCOUNT_ID, "account_name", "segment", "employees", "industry", "country", "region",
          "owner_rep_id", "created_at");
      csv.header("targets", "rep_id", "product_id", "target_type", "period_start", "period_end", "amount", "currency");
      csv.header("opportunities", "opportunity_id", ACCOUNT_ID, "owner_rep_id", "product_id", "opportunity_type",
          "stage", "is_closed", "is_won", "amount", "currency", "lead_source", "created_at", "close_date", "last_modified_at");
      csv.header("activities", "activity_id", "rep_id", ACCOUNT_ID, "opportunity_id", "activity_type", "occurred_at",
          "duration_minutes");
      csv.header("subscriptions", "subscription_id", ACCOUNT_ID, "product_id", "plan", "seats", "mrr", "currency",
          "start_date", "end_date");
      csv.header(USAGE_EVENTS, "event_id", "occurred_at", ACCOUNT_ID, "user_id", "product_id", "event_name");
      csv.header("feature_requests", "request_id", ACCOUNT_ID, "product_id", "raised_at", "raised_by_rep_id", "channel",
          "promised_date", "status", "shipped_at", "customer_notified_at");
      reps();
      products();
      fxRates();
      flush();
      for (int i = 1; i <= settings.accounts(); i++) {
        new AccountStory(String.format(Locale.ROOT, "A%05d", i)).tell();
        flush();
      }
      targets();
      badAndRepeatedRows();
      flush();
    }
    Files.writeString(out.resolve("saleslift.yaml"), config(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve(PLANTED_FILE), plantedEffects(), StandardCharsets.UTF_8);
    if (settings.holdout() != null) {
      Files.writeString(out.resolve(PLANTED_HOLDOUT_FILE), plantedHoldout(), StandardCharsets.UTF_8);
      AssignmentLog log = AssignmentLog.of(settings.holdout().output());
      for (Map.Entry<LocalDate, List<HoldoutAssignment.Assignment>> night : assignments.entrySet()) {
        log.commit(log.stage(night.getKey(), night.getValue()).orElseThrow());
      }
    }
  }

  private String plantedHoldout() {
    StringBuilder csv = new StringBuilder("segment,size_band,planted_itt_lift\n");
    double touchGap = settings.holdout().compliance() - HELD_OUT_TOUCH;
    for (String cell : DEFAULT_EFFECTS.keySet()) {
      double effect = settings.effects().getOrDefault(cell, 0.0);
      if (effect > 0) {
        // Only an account with an owner is ever touched: all B2B accounts, some B2C ones.
        double owned = cell.startsWith("B2B/") ? 1 : B2C_OWNED;
        csv.append(cell.replace('/', ',')).append(',')
            .append(BigDecimal.valueOf(effect * touchGap * owned).setScale(4, RoundingMode.HALF_UP).toPlainString()).append('\n');
      }
    }
    return csv.toString();
  }

  /** The truth the generator planted, for checking sales_lift against: not an input table. */
  public static final String PLANTED_FILE = "planted_effects.csv";

  private String plantedEffects() {
    StringBuilder csv = new StringBuilder("segment,size_band,outcome,planted_lift\n");
    for (String cell : DEFAULT_EFFECTS.keySet()) {
      String[] parts = cell.split("/");
      csv.append(parts[0]).append(',').append(parts[1]).append(",CONVERTED_180D,")
          .append(BigDecimal.valueOf(settings.effects().getOrDefault(cell, 0.0)).setScale(4, RoundingMode.HALF_UP).toPlainString())
          .append('\n');
    }
    return csv.toString();
  }

  private void add(String table, Object... cells) {
    pending.add(new Pending(table, cells));
  }

  private record Pending(String table, Object[] cells) {}

  /** Writes the pending rows, keeping what targets and the bad rows at the end are made from. */
  private void flush() {
    for (Pending p : pending) {
      sink.row(p.table(), p.cells());
      written.keep(p.table(), p.cells());
      if (p.table().equals("opportunities") && p.cells()[3].equals(CORE) && p.cells()[7].equals("true")) {
        wonOnCore.merge(p.cells()[2] + "|" + quarterStart((LocalDate) p.cells()[12]), (BigDecimal) p.cells()[8], BigDecimal::add);
      }
    }
    pending.clear();
  }

  private void reps() {
    rep("R01", "DIRECTOR", null, "GLOBAL");
    String[] areas = {"NA", "EMEA", "APAC"};
    int next = 2;
    List<String> managers = new ArrayList<>();
    for (String area : areas) {
      String id = String.format(Locale.ROOT, "R%02d", next++);
      rep(id, "MANAGER", "R01", area);
      managers.add(id);
    }
    List<String> execs = new ArrayList<>();
    for (int m = 0; m < managers.size(); m++) {
      for (int k = 0; k < 2; k++) {
        String id = String.format(Locale.ROOT, "R%02d", next++);
        rep(id, "EXEC", managers.get(m), areas[m]);
        execs.add(id);
      }
    }
    for (int e = 0; e < execs.size(); e++) {
      for (int k = 0; k < 2; k++) {
        rep(String.format(Locale.ROOT, "R%02d", next++), "STAFF", execs.get(e), areas[e / 2]);
      }
    }
  }

  private void rep(String id, String level, String manager, String area) {
    managerOf.put(id, manager);
    levelOf.put(id, level);
    if (level.equals("EXEC") || level.equals("STAFF")) {
      sellers.add(id);
    }
    LocalDate hired = start.minusDays(100 + rnd.nextInt(900));
    add("reps", id, "Rep " + id.substring(1), level, manager, area, hired, null);
  }

  private void products() {
    add("products", CORE, "Core workspace", "platform", "MATURE", LocalDate.of(2019, 4, 1));
    add("products", ANALYTICS, "Analytics add-on", "add-on", "GROWTH", LocalDate.of(2023, 6, 1));
    add("products", AI, "AI assistant", "add-on", "RELEASE", AI_LAUNCH);
  }

  private void fxRates() {
    for (LocalDate d = start.minusMonths(1).withDayOfMonth(1); !d.isAfter(settings.end()); d = d.plusMonths(1)) {
      double t = ChronoUnit.MONTHS.between(start, d);
      add("fx_rates", "EUR", d, money(1.08 + 0.04 * Math.sin(t / 4.0) + 0.01 * rnd.nextDouble(), 4));
      add("fx_rates", "GBP", d, money(1.27 + 0.03 * Math.cos(t / 5.0) + 0.01 * rnd.nextDouble(), 4));
    }
  }

  /** One account's life: signup, early usage, maybe a sales touch, maybe paying, changing and leaving. */
  private final class AccountStory {
    private final String id;
    private final boolean b2b;
    private final String band;
    private final String currency;
    private final ZoneId zone;
    private final Instant created;
    private final double fit;
    private final String owner;
    private final Map<String, Object[]> open = new LinkedHashMap<>();
    private int users = 1;
    private int subscriptionSeq;
    private int prePeriodEvents;
    private int events;

    AccountStory(String id) {
      this.id = id;
      this.b2b = rnd.nextDouble() < 0.45;
      Long employees;
      if (b2b) {
        double r = rnd.nextDouble();
        employees = r < 0.55 ? 5L + rnd.nextInt(95) : r < 0.85 ? 100L + rnd.nextInt(900) : 1000L + rnd.nextInt(19_000);
      } else {
        employees = rnd.nextDouble() < 0.8 ? null : 1L + rnd.nextInt(5);
      }
      this.band = employees == null ? "UNKNOWN" : employees >= 1000 ? "ENT" : employees >= 100 ? "MID" : "SMB";
      String country = pick(b2b ? new String[] {"US", "US", "US", "DE", "GB", "FR", "CA", "AU"}
          : new String[] {"US", "US", "GB", "DE", "BR", "IN"});
      this.currency = !b2b ? null : country.equals("DE") || country.equals("FR") ? "EUR" : country.equals("GB") ? "GBP" : null;
      this.zone = currency == null ? ZoneOffset.UTC : ZoneId.of(country.equals("GB") ? "Europe/London" : "Europe/Berlin");
      long span = ChronoUnit.DAYS.between(start, settings.end()) - 20;
      this.created = time(start.plusDays(rnd.nextLong(span)));
      this.fit = rnd.nextDouble();
      this.owner = b2b || rnd.nextDouble() < B2C_OWNED ? sellers.get(rnd.nextInt(sellers.size())) : null;
      add("accounts", id, (b2b ? "Company " : "Household ") + id.substring(1), b2b ? "B2B" : "B2C", employees,
          b2b ? pick(new String[] {"software", "retail", "finance", "health", "manufacturing"}) : null, country,
          regionOf(country), owner, stamp(created));
    }

    /**
     * The arm the list's holdout gave this account on its seventh day, when the simulated list
     * named it then: an account in a cell where a touch pays, in the holdout's year. Null for an
     * account the list never gave.
     */
    private HoldoutAssignment.Arm assignedArm(LocalDate signup) {
      Holdout holdout = settings.holdout();
      LocalDate listed = signup.plusDays(PRE_PERIOD_DAYS);
      String segment = b2b ? "B2B" : "B2C";
      if (holdout == null || settings.effects().getOrDefault(segment + "/" + band, 0.0) <= 0
          || !listed.isAfter(settings.end().minusDays(HOLDOUT_DAYS)) || listed.isAfter(settings.end())) {
        return null;
      }
      String salt = SalesLiftConfig.Experiment.OFF.salt();
      HoldoutAssignment.Arm arm = HoldoutAssignment.arm(salt, id, holdout.share());
      assignments.computeIfAbsent(listed, d -> new ArrayList<>())
          .add(new HoldoutAssignment.Assignment(id, arm, listed, segment, band, salt, holdout.share()));
      return arm;
    }

    void tell() {
      int early = earlyEvents();
      LocalDate signup = day(created);
      Instant coreStart = created.plus(rnd.nextInt(1, 20 * 60), ChronoUnit.MINUTES);
      usage(coreStart, CORE, "signup");
      for (int k = 1; k < early; k++) {
        usage(coreStart.plusSeconds(rnd.nextLong(6 * 86_400L)), CORE,
            pick(new String[] {"dashboard_viewed", "dashboard_viewed", "report_viewed", "template_opened"}));
      }
      // Decided before anything else happens, so the early usage it shapes says nothing of the outcome.
      boolean setsUpAfterContract = b2b && rnd.nextDouble() < 0.3;
      if (!setsUpAfterContract) {
        activationEvents(coreStart);
      }
      double level = USAGE_LEVEL.get(UsageBand.of(prePeriodEvents));
      boolean earlyTouch = b2b && rnd.nextDouble() < 0.06;
      if (earlyTouch) {
        activity(pick(new String[] {"CALL", "MEETING"}), created.plus(rnd.nextInt(1, 6), ChronoUnit.DAYS), null);
      }
      HoldoutAssignment.Arm arm = earlyTouch ? null : assignedArm(signup);
      // Reps pick accounts that already use the product: the confounding sales_lift must undo.
      // A listed account is touched because the list said so, a held-out one seldom.
      double touchChance = arm == HoldoutAssignment.Arm.LISTED ? settings.holdout().compliance()
          : arm == HoldoutAssignment.Arm.HOLDOUT ? HELD_OUT_TOUCH
          : b2b ? 0.05 + (band.equals("ENT") ? 0.15 : band.equals("MID") ? 0.08 : 0) + 0.7 * level
          : 0.03 + 0.45 * level;
      int touchDay = PRE_PERIOD_DAYS + rnd.nextInt(60);
      Instant touch = created.plus(touchDay, ChronoUnit.DAYS).plusSeconds(rnd.nextInt(3600));
      boolean touched = owner != null && rnd.nextDouble() < touchChance && !touch.isAfter(endInstant());
      boolean cold = rnd.nextDouble() < (b2b ? 0.35 : 0.08);
      if (cold) {
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
          activity(pick(new String[] {"EMAIL", "MAILER", "MAILER"}), created.plus(rnd.nextInt(0, 120), ChronoUnit.DAYS), null);
        }
      }
      double effect = touched ? settings.effects().getOrDefault((b2b ? "B2B/" : "B2C/") + band, 0.0) : 0.0;
      boolean convertsIn180 = rnd.nextDouble() < (b2b ? 0.05 : 0.06) + 0.5 * level + effect;
      Integer convertDay = null;
      if (convertsIn180) {
        // A listed account had not paid by its seventh day, the night it was listed.
        convertDay = touched ? touchDay + 5 + rnd.nextInt(Math.min(60, 170 - touchDay))
            : arm != null ? PRE_PERIOD_DAYS + rnd.nextInt(175 - PRE_PERIOD_DAYS) : 3 + rnd.nextInt(172);
      } else if (rnd.nextDouble() < 0.15) {
        convertDay = 185 + rnd.nextInt(215);
      }
      LocalDate convertDate = convertDay == null ? null : signup.plusDays(convertDay);
      boolean paid = convertDate != null && !convertDate.isAfter(settings.end());
      BigDecimal firstMrr = firstMrr();
      if (touched) {
        String lead = cold ? pick(new String[] {"OUTBOUND_CALL", "MAILER"}) : pick(new String[] {"INBOUND", "EVENT", "REFERRAL", "PARTNER", "PQL"});
        String opp = paid ? wonOpportunity("NEW_BUSINESS", CORE, touch, convertDate, firstMrr.multiply(BigDecimal.valueOf(12)), lead)
            : lostOrOpenOpportunity("NEW_BUSINESS", CORE, touch, firstMrr.multiply(BigDecimal.valueOf(12)), lead);
        // The first touch is the one that counts (inside the window); follow-ups come until the deal is decided.
        activity(pick(new String[] {"CALL", "MEETING", "DEMO"}), touch, opp);
        int followUps = rnd.nextInt(b2b ? 6 : 2);
        long until = paid ? Math.max(1, convertDay - touchDay) : 45;
        for (int k = 0; k < followUps; k++) {
          activity(pick(new String[] {"CALL", "MEETING", "DEMO"}), touch.plus(rnd.nextLong(until * 24), ChronoUnit.HOURS), opp);
        }
      }
      if (setsUpAfterContract && paid) {
        // Bought before using it in earnest: the team sets up after the contract is signed.
        Instant setUp = time(convertDate).plus(rnd.nextInt(1, 40), ChronoUnit.DAYS);
        activationEvents(setUp.isBefore(created.plus(PRE_PERIOD_DAYS, ChronoUnit.DAYS))
            ? created.plus(PRE_PERIOD_DAYS, ChronoUnit.DAYS) : setUp);
      }
      if (paid) {
        subscribe(CORE, convertDate, firstMrr, plan(firstMrr));
        live(convertDate);
      } else {
        ongoingUsage(coreStart, signup.plusDays(90));
      }
      if (paid && b2b && rnd.nextDouble() < 0.3) {
        featureRequest(convertDate);
      }
      if (settings.eventsPerAccount() > 0) {
        moreUsage(settings.eventsPerAccount() - events);
      }
    }

    /**
     * About {@code missing} more events (0 to twice as many), at random after the pre-period and
     * none of them an activation event, so usage bands, activation and the planted effects stay
     * what the story made them.
     */
    private void moreUsage(int missing) {
      long from = created.plus(PRE_PERIOD_DAYS, ChronoUnit.DAYS).getEpochSecond();
      long span = endInstant().getEpochSecond() - from;
      if (missing <= 0 || span <= 0) {
        return;
      }
      int n = rnd.nextInt(2 * missing + 1);
      for (int k = 0; k < n; k++) {
        usage(Instant.ofEpochSecond(from + rnd.nextLong(span)), CORE,
            pick(new String[] {"dashboard_viewed", "report_viewed", "search_run", "comment_added"}));
      }
    }

    private int earlyEvents() {
      if (rnd.nextDouble() < 0.12) {
        return 1;
      }
      double mean = (b2b ? 6 : 4) + fit * fit * 60;
      return 1 + (int) Math.round(mean * (0.5 + rnd.nextDouble()));
    }

    /** core activates on project_created and invite_sent; good-fit accounts get there within 14 days of {@code from}. */
    private void activationEvents(Instant from) {
      if (rnd.nextDouble() < 0.35 + 0.55 * fit) {
        usage(from.plusSeconds(rnd.nextLong(5 * 86_400L)), CORE, "project_created");
        usage(from.plusSeconds(rnd.nextLong(13 * 86_400L)), CORE, "invite_sent");
      } else if (rnd.nextDouble() < 0.3) {
        usage(from.plusSeconds(15 * 86_400L + rnd.nextLong(40 * 86_400L)), CORE, "project_created");
        usage(from.plusSeconds(15 * 86_400L + rnd.nextLong(40 * 86_400L)), CORE, "invite_sent");
      }
    }

    /** Month after month of a paying account: churn, reactivation, upsell, contraction, cross-sell. */
    private void live(LocalDate from) {
      LocalDate day = from;
      LocalDate lastRenewal = from;
      boolean active = true;
      while (true) {
        day = day.plusDays(25 + rnd.nextInt(11));
        if (day.isAfter(settings.end())) {
          break;
        }
        if (!active) {
          if (rnd.nextDouble() < 0.05) {
            active = true;
            subscriptionSeq++;
            subscribe(CORE, day, firstMrr(), "returning");
            lastRenewal = day;
          }
          continue;
        }
        usage(time(day), CORE, "dashboard_viewed");
        double r = rnd.nextDouble();
        double churn = b2b ? 0.012 : 0.04;
        if (r < churn) {
          for (String product : open.keySet()) {
            close(product, day);
          }
          open.clear();
          active = false;
        } else if (r < churn + (b2b ? 0.045 : 0.01)) {
          change(CORE, day, 1.2 + 0.4 * rnd.nextDouble(), "UPSELL");
        } else if (r < churn + (b2b ? 0.06 : 0.02)) {
          change(CORE, day, 0.6 + 0.25 * rnd.nextDouble(), null);
        } else if (b2b && !open.containsKey(ANALYTICS) && r < churn + 0.085) {
          crossSell(ANALYTICS, day, "report_shared");
        } else if (!open.containsKey(AI) && day.isAfter(AI_LAUNCH) && r < churn + (b2b ? 0.095 : 0.03)) {
          crossSell(AI, day, "ai_prompt");
        }
        if (b2b && active && !band.equals("SMB") && ChronoUnit.MONTHS.between(lastRenewal, day) >= 12) {
          lastRenewal = day;
          Object[] core = open.get(CORE);
          if (core != null) {
            wonOpportunity("RENEWAL", CORE, time(day.minusDays(30)), day,
                ((BigDecimal) core[5]).multiply(BigDecimal.valueOf(12)), "RENEWAL");
          }
        }
      }
    }

    private void change(String product, LocalDate day, double factor, String opportunityType) {
      Object[] current = open.get(product);
      if (current == null) {
        return;
      }
      BigDecimal before = (BigDecimal) current[5];
      BigDecimal after = before.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
      close(product, day);
      subscribe(product, day, after, plan(after));
      if (opportunityType != null && b2b && owner != null && rnd.nextDouble() < (band.equals("SMB") ? 0.3 : 0.7)) {
        expansionDeal(opportunityType, product, day, after.subtract(before));
      }
    }

    private void crossSell(String product, LocalDate day, String activationEvent) {
      BigDecimal mrr = b2b ? money(100 + 400 * rnd.nextDouble(), 0) : money(5 + 10 * rnd.nextDouble(), 2);
      subscribe(product, day, mrr, "add-on");
      Instant started = time(day);
      usage(started, product, "opened");
      if (rnd.nextDouble() < 0.7) {
        usage(started.plusSeconds(rnd.nextLong(10 * 86_400L)), product, activationEvent);
      }
      if (b2b && owner != null && rnd.nextDouble() < 0.6) {
        expansionDeal("CROSS_SELL", product, day, mrr);
      }
    }

    /** Reps work expansions from an account's fourth month; earlier growth is self-serve (no deal, no touch). */
    private void expansionDeal(String type, String product, LocalDate close, BigDecimal mrrDelta) {
      Instant opened = time(close.minusDays(15 + rnd.nextInt(30)));
      if (opened.isBefore(created.plus(TOUCH_WINDOW_DAYS, ChronoUnit.DAYS))) {
        return;
      }
      String opp = wonOpportunity(type, product, opened, close, mrrDelta.multiply(BigDecimal.valueOf(12)), "EXPANSION");
      int n = 1 + rnd.nextInt(2);
      for (int k = 0; k < n; k++) {
        activity(pick(new String[] {"MEETING", "DEMO"}), opened.plus(rnd.nextInt(1, 14), ChronoUnit.DAYS), opp);
      }
    }

    private void subscribe(String product, LocalDate from, BigDecimal mrr, String plan) {
      Object[] period = {"S" + id.substring(1) + "-" + product + "-" + subscriptionSeq, id, product, plan,
          Math.max(1, mrr.intValue() / 40), mrr, currency == null && rnd.nextBoolean() ? null : currencyCode(), from, null};
      open.put(product, period);
      add("subscriptions", period);
    }

    private void close(String product, LocalDate day) {
      Object[] period = open.get(product);
      if (period != null) {
        period[8] = day;
      }
    }

    private String wonOpportunity(String type, String product, Instant opened, LocalDate close, BigDecimal amount, String lead) {
      String oid = String.format(Locale.ROOT, "O%06d", ++opportunitySeq);
      add("opportunities", oid, id, owner, product, type, "Closed Won", "true", "true", amount.setScale(2, RoundingMode.HALF_UP),
          currencyCode(), lead, stamp(opened), close, stamp(time(close.plusDays(1))));
      return oid;
    }

    private String lostOrOpenOpportunity(String type, String product, Instant opened, BigDecimal amount, String lead) {
      String oid = String.format(Locale.ROOT, "O%06d", ++opportunitySeq);
      LocalDate close = day(opened).plusDays(20 + rnd.nextInt(70));
      boolean closed = !close.isAfter(settings.end());
      BigDecimal shown = rnd.nextDouble() < 0.1 ? null : amount.setScale(2, RoundingMode.HALF_UP);
      add("opportunities", oid, id, owner, product, type, closed ? "Closed Lost" : "Negotiation", closed ? "1" : "0", "0",
          shown, currencyCode(), lead, stamp(opened), closed ? close : null, stamp(closed ? time(close) : opened.plus(3, ChronoUnit.DAYS)));
      return oid;
    }

    private void activity(String type, Instant at, String opportunity) {
      if (at.isAfter(endInstant())) {
        return;
      }
      String rep = owner != null ? owner : sellers.get(rnd.nextInt(sellers.size()));
      Integer minutes = switch (type) {
        case "CALL" -> 5 + rnd.nextInt(25);
        case "MEETING" -> 30 + rnd.nextInt(31);
        case "DEMO" -> 45 + rnd.nextInt(46);
        case "EMAIL" -> rnd.nextBoolean() ? null : 5;
        default -> null;
      };
      add("activities", String.format(Locale.ROOT, "T%07d", ++activitySeq), rep, id, opportunity, type, stamp(at), minutes);
    }

    private void usage(Instant at, String product, String event) {
      if (at.isAfter(endInstant())) {
        return;
      }
      String user = "U" + id.substring(1) + "-" + (1 + rnd.nextInt(users));
      if (event.equals("invite_sent")) {
        users++;
      }
      if (at.isBefore(created.plus(PRE_PERIOD_DAYS, ChronoUnit.DAYS))) {
        prePeriodEvents++;
      }
      events++;
      add(USAGE_EVENTS, String.format(Locale.ROOT, "E%07d", ++eventSeq), stamp(at), id, user, product, event);
    }

    private void ongoingUsage(Instant from, LocalDate until) {
      for (Instant at = from.plus(20, ChronoUnit.DAYS); day(at).isBefore(until); at = at.plus(20 + rnd.nextInt(20), ChronoUnit.DAYS)) {
        if (rnd.nextDouble() < 0.6) {
          usage(at, CORE, "dashboard_viewed");
        }
      }
    }

    private void featureRequest(LocalDate paid) {
      Instant raised = time(paid.plusDays(10 + rnd.nextInt(200)));
      if (raised.isAfter(endInstant())) {
        return;
      }
      String channel = pick(new String[] {"SALES", "SALES", "SUPPORT", "IN_APP"});
      LocalDate promised = channel.equals("SALES") || rnd.nextDouble() < 0.2 ? day(raised).plusDays(30 + rnd.nextInt(90)) : null;
      LocalDate shipped = rnd.nextDouble() < 0.55
          ? (promised != null ? promised.plusDays(rnd.nextInt(-20, 45)) : day(raised).plusDays(20 + rnd.nextInt(130))) : null;
      if (shipped != null && shipped.isAfter(settings.end())) {
        shipped = null;
      }
      String status = shipped != null ? "SHIPPED" : pick(new String[] {"OPEN", "PLANNED", "PLANNED", "DECLINED"});
      Instant notified = shipped != null && rnd.nextDouble() < 0.7 ? time(shipped.plusDays(rnd.nextInt(15))) : null;
      if (notified != null && notified.isAfter(endInstant())) {
        notified = null;
      }
      add("feature_requests", String.format(Locale.ROOT, "F%05d", ++requestSeq), id, rnd.nextBoolean() ? CORE : ANALYTICS,
          stamp(raised), channel.equals("SALES") ? owner : null, channel, promised, status, shipped,
          notified == null ? null : stamp(notified));
    }

    private BigDecimal firstMrr() {
      if (!b2b) {
        return new BigDecimal(pick(new String[] {"9.99", "19.99", "19.99", "29.99"}));
      }
      return switch (band) {
        case "ENT" -> money(4000 + 11000 * rnd.nextDouble(), -1);
        case "MID" -> money(800 + 2700 * rnd.nextDouble(), -1);
        default -> money(150 + 450 * rnd.nextDouble(), -1);
      };
    }

    private String plan(BigDecimal mrr) {
      return mrr.compareTo(BigDecimal.valueOf(30)) < 0 ? "personal" : mrr.compareTo(BigDecimal.valueOf(700)) < 0 ? "team"
          : mrr.compareTo(BigDecimal.valueOf(4000)) < 0 ? "business" : "enterprise";
    }

    private String currencyCode() {
      return currency == null ? "USD" : currency;
    }

    /** Timestamps of European accounts are exported with their local offset, the rest in UTC. */
    private String stamp(Instant at) {
      return zone.equals(ZoneOffset.UTC) ? at.toString() : OFFSET_TIME.format(OffsetDateTime.ofInstant(at, zone));
    }
  }

  /** Quarterly targets on core, set near what each seller then won, so attainment varies around 100%. */
  private void targets() {
    for (LocalDate q = quarterStart(start); q.isBefore(settings.end()); q = q.plusMonths(3)) {
      Map<String, BigDecimal> individual = new TreeMap<>();
      for (String seller : sellers) {
        BigDecimal booked = wonOnCore.getOrDefault(seller + "|" + q, BigDecimal.ZERO);
        BigDecimal target = booked.multiply(BigDecimal.valueOf(0.8 + 0.5 * rnd.nextDouble()))
            .max(BigDecimal.valueOf(5000)).setScale(-3, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);
        individual.put(seller, target);
        add("targets", seller, CORE, "INDIVIDUAL", q, q.plusMonths(3), target, "USD");
      }
      for (String lead : levelOf.keySet()) {
        if (levelOf.get(lead).equals("STAFF")) {
          continue;
        }
        BigDecimal team = BigDecimal.ZERO;
        for (String member : individual.keySet()) {
          if (isUnder(member, lead)) {
            team = team.add(individual.get(member));
          }
        }
        BigDecimal target = team.multiply(BigDecimal.valueOf(0.9 + 0.2 * rnd.nextDouble())).setScale(-3, RoundingMode.HALF_UP)
            .setScale(2, RoundingMode.UNNECESSARY);
        add("targets", lead, CORE, "TEAM", q, q.plusMonths(3), target, null);
      }
    }
  }

  private boolean isUnder(String member, String lead) {
    for (String at = member; at != null; at = managerOf.get(at)) {
      if (at.equals(lead)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What real exports contain: re-exported opportunities (a newer version, identical copies) and
   * repeated event ids; with 1,000 accounts or more also a bad enum, an orphan and a broken
   * range, few enough to stay under the 1% reject limit.
   */
  private void badAndRepeatedRows() {
    Written.Table opportunities = written.table("opportunities");
    for (int i = 0; i < opportunities.size() - 1; i += 37) {
      Object[] newer = opportunities.get(i).clone();
      newer[13] = stamp(OffsetDateTime.parse((String) opportunities.get(i)[13]).toInstant().plus(2, ChronoUnit.DAYS));
      newer[5] = newer[5] + " (re-exported)";
      opportunities.append(newer);
    }
    // A few accounts over a month may have no deal or no event yet: nothing to repeat then.
    for (int i = 5; i < 25 && opportunities.size() > 0; i += 5) {
      opportunities.append(opportunities.get(i % opportunities.size()).clone());
    }
    Written.Table events = written.table(USAGE_EVENTS);
    for (int i = 0; i < REPEATED_EVENTS && events.size() > 0; i++) {
      Object[] repeat = events.get(i * EVENT_STRIDE % events.size()).clone();
      repeat[1] = stamp(OffsetDateTime.parse((String) repeat[1]).toInstant().plusSeconds(60));
      events.append(repeat);
    }
    if (settings.accounts() >= 1000) {
      // A00000: an id no account story gets, at any number of accounts.
      add("accounts", "A00000", "Company 00000", "B2G", 40, "public", "US", "NA", null, stamp(time(start.plusDays(40))));
      add("opportunities", "O999999", "A00000", sellers.get(0), CORE, "NEW_BUSINESS", "Discovery", "false", "false",
          "1200.00", "USD", "INBOUND", stamp(time(start.plusDays(45))), null, null);
      Written.Table activities = written.table("activities");
      for (int i = 100; i < 400; i += 150) {
        Object[] visit = activities.get(i).clone();
        visit[0] = visit[0] + "V";
        visit[4] = "VISIT";
        activities.append(visit);
      }
      Object[] broken = written.table("subscriptions").get(10).clone();
      broken[0] = broken[0] + "-x";
      broken[8] = ((LocalDate) broken[7]).minusDays(3);
      written.table("subscriptions").append(broken);
    }
  }

  /**
   * What was written, as far as the bad and repeated rows at the end need it: how many rows
   * each table has and the few rows they are copied from, so the generator never holds a whole
   * table. A table's rows read as one list: those written, then those appended at the end.
   */
  private final class Written {
    private final Map<String, Table> tables = new TreeMap<>();

    Table table(String name) {
      return tables.computeIfAbsent(name, Table::new);
    }

    void keep(String name, Object[] cells) {
      Table t = table(name);
      if (t.appended.isEmpty()) {
        t.written(cells);
      }
    }

    final class Table {
      private final String name;
      private final Map<Integer, Object[]> kept = new TreeMap<>();
      private final List<Object[]> appended = new ArrayList<>();
      private int written;

      Table(String name) {
        this.name = name;
      }

      /** The rows the bad rows are copied from: the first few, and every 37th opportunity (re-exported). */
      void written(Object[] cells) {
        if (written < FIRST_ROWS_KEPT || name.equals("opportunities") && written % 37 == 0) {
          kept.put(written, cells);
        }
        written++;
      }

      int size() {
        return written + appended.size();
      }

      Object[] get(int i) {
        return i < written ? kept.get(i) : appended.get(i - written);
      }

      /** A row added at the end of the table, after everything written. */
      void append(Object[] cells) {
        appended.add(cells);
        add(name, cells);
      }
    }
  }

  private String config() {
    return """
        # Run configuration of the sample company; docs/configuration.md lists every key.
        # run_date: input_end: without --date, a run covers the data up to its newest usage event,
        # so the sample reads the same today as in five years (a real nightly keeps `yesterday`).
        run_date: input_end
        base_currency: USD
        reporting_timezone: America/New_York
        source_timezone: UTC
        fiscal_year_start_month: %d
        size_bands:
          SMB: 0
          MID: 100
          ENT: 1000
        activation:
          window_days: 14
          default_events: []
          products:
            core: [project_created, invite_sent]
            analytics: [report_shared]
        sales_touch:
          assisted_types: [CALL, MEETING, DEMO]
        max_reject_ratio: 0.01
        """.formatted(FISCAL_YEAR_START_MONTH)
        + (settings.holdout() == null ? "" : """
        # This share of the list to engage has been held back from reps for the year before the end.
        experiment:
          holdout_share: %s
        """.formatted(settings.holdout().share().toPlainString()));
  }

  private LocalDate quarterStart(LocalDate d) {
    int offset = Math.floorMod(d.getMonthValue() - FISCAL_YEAR_START_MONTH, 3);
    return d.withDayOfMonth(1).minusMonths(offset);
  }

  private Instant endInstant() {
    return settings.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
  }

  /** A working-hours instant on a day. */
  private Instant time(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(8 * 3600 + rnd.nextInt(10 * 3600));
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private String pick(String[] options) {
    return options[rnd.nextInt(options.length)];
  }

  private static String stamp(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static BigDecimal money(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).setScale(Math.max(scale, 0), RoundingMode.UNNECESSARY);
  }

  private static String regionOf(String country) {
    return switch (country) {
      case "US", "CA", "BR" -> "AMER";
      case "AU", "IN" -> "APAC";
      default -> "EMEA";
    };
  }
}

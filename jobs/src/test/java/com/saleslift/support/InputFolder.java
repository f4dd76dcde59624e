package com.saleslift.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny canonical input folder written from text, for hand-computed fixtures. Every required
 * table starts header-only; a test replaces the tables it is about.
 */
public final class InputFolder {
  public static final Map<String, String> HEADERS = Map.of(
      "reps", "rep_id,rep_name,level,manager_id,area,hired_at,left_at",
      "accounts", "account_id,account_name,segment,employees,industry,country,region,owner_rep_id,created_at",
      "products", "product_id,product_name,family,lifecycle_stage,launched_at",
      "opportunities", "opportunity_id,account_id,owner_rep_id,product_id,opportunity_type,stage,is_closed,is_won,amount,currency,lead_source,created_at,close_date,last_modified_at",
      "activities", "activity_id,rep_id,account_id,opportunity_id,activity_type,occurred_at,duration_minutes",
      "subscriptions", "subscription_id,account_id,product_id,plan,seats,mrr,currency,start_date,end_date",
      "usage_events", "event_id,occurred_at,account_id,user_id,product_id,event_name",
      "targets", "rep_id,product_id,target_type,period_start,period_end,amount,currency",
      "fx_rates", "currency,rate_date,rate_to_base",
      "feature_requests", "request_id,account_id,product_id,raised_at,raised_by_rep_id,channel,promised_date,status,shipped_at,customer_notified_at");
  private static final String[] REQUIRED = {"reps", "accounts", "products", "opportunities", "activities", "subscriptions", "usage_events"};

  private final Path dir;
  private final Map<String, String> tables = new TreeMap<>();

  public InputFolder(Path dir) {
    this.dir = dir;
    for (String t : REQUIRED) {
      tables.put(t, HEADERS.get(t) + "\n");
    }
    tables.put("reps", HEADERS.get("reps") + "\nR1,,DIRECTOR,,,,\n");
    tables.put("products", HEADERS.get("products") + "\np,,,MATURE,\nq,,,GROWTH,\n");
  }

  /** Replaces a table with the canonical header and these data lines. */
  public InputFolder table(String name, String rows) {
    tables.put(name, HEADERS.get(name) + "\n" + rows.stripIndent().strip() + "\n");
    return this;
  }

  /** Replaces a file with exactly this text (header included). */
  public InputFolder raw(String name, String text) {
    tables.put(name, text);
    return this;
  }

  /** Writes a table as one day partition of it (`usage_events/dt=2024-06-01/part-00000.csv`) instead of one file. */
  public InputFolder partition(String name, String day, String rows) {
    tables.remove(name);
    tables.put(name + "/dt=" + day + "/part-00000", HEADERS.get(name) + "\n" + rows.stripIndent().strip() + "\n");
    return this;
  }

  public InputFolder config(String yaml) {
    tables.put("saleslift.yaml", yaml.stripIndent());
    return this;
  }

  public Path write() {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> t : tables.entrySet()) {
        String name = t.getKey().endsWith(".yaml") ? t.getKey() : t.getKey() + ".csv";
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), t.getValue(), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a folder with everything under it onto {@code to}, replacing files already there. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

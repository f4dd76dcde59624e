package com.saleslift.config;

import java.util.List;

/**
 * The coded values of the input contract, each list declared once and in its natural order
 * (the hierarchy top down, a product's life from concept to sunset): the input tables' enum
 * columns, the configuration's mappings and the report's axes all read them from here.
 */
public final class Codes {
  public static final List<String> LEVELS = List.of("DIRECTOR", "MANAGER", "EXEC", "STAFF");
  public static final List<String> SEGMENTS = List.of("B2B", "B2C");
  public static final List<String> LIFECYCLE_STAGES = List.of("CONCEPT", "BUILD", "RELEASE", "GROWTH", "MATURE", "SUNSET");
  public static final List<String> TARGET_TYPES = List.of("INDIVIDUAL", "TEAM");
  public static final List<String> OPPORTUNITY_TYPES = List.of("NEW_BUSINESS", "UPSELL", "CROSS_SELL", "RENEWAL");
  public static final List<String> ACTIVITY_TYPES = List.of("CALL", "EMAIL", "MAILER", "MEETING", "DEMO");
  public static final List<String> REQUEST_CHANNELS = List.of("SALES", "SUPPORT", "IN_APP");
  public static final List<String> REQUEST_STATUSES = List.of("OPEN", "PLANNED", "SHIPPED", "DECLINED");

  private Codes() {}
}

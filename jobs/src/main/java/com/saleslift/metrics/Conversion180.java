package com.saleslift.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import com.saleslift.model.Calendar;
import com.saleslift.model.Columns;
import org.apache.spark.sql.Column;

/** Conversion within 180 days of creation (docs/metrics.md's CONVERTED_180D), shared by outreach_mix and sales_lift. */
final class Conversion180 {
  private static final long DAYS_180_MICROS = 180L * 86_400_000_000L;

  private Conversion180() {}

  /** The account's 180 days have ended by the as-of, so whether it converted is known. */
  static Column decided(Calendar calendar) {
    return unix_micros(col("created_at")).plus(DAYS_180_MICROS).leq(lit(calendar.asOf().getEpochSecond() * 1_000_000L));
  }

  /** True when the first paid date (its midnight) is less than 180 days after creation. */
  static Column converted() {
    return coalesce(Calendar.days(col("created_at"), Calendar.midnight(col(Columns.FIRST_PAID_DATE))).lt(180), lit(false));
  }
}

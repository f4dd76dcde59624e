package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import com.saleslift.model.Calendar;
import java.math.BigDecimal;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Sales effort per fiscal quarter, segment and activity type, beside the deals won that quarter:
 * how many activities of each type the won deals took.
 */
public final class ActivityEffectiveness {
  public static final MetricTable TABLE = MetricTable.of("activity_effectiveness", 3,
      text("fiscal_quarter"), text("segment"), text("activity_type"),
      integer("activities"), decimal("hours"), integer("accounts_touched"),
      integer("won_deals"), integer("activities_on_won"),
      ratio("activities_per_won_deal", "activities_on_won", "won_deals"));

  private static final String[] GRAIN = {"fiscal_quarter", "segment", "activity_type"};

  private ActivityEffectiveness() {}

  public static Dataset<Row> compute(Dataset<Row> activities, Dataset<Row> opportunities, Dataset<Row> accounts,
      Calendar calendar) {
    Dataset<Row> segments = accounts.select(ACCOUNT_ID, "segment");
    Dataset<Row> effort = activities.join(segments, ACCOUNT_ID)
        .withColumn("fiscal_quarter", calendar.fiscalQuarter(to_date(col("occurred_at"))))
        .groupBy("fiscal_quarter", "segment", "activity_type")
        .agg(count(lit(1)).as("activities"),
            sum(coalesce(col("duration_minutes"), lit(0L))).divide(lit(new BigDecimal(60))).as("hours"),
            countDistinct(ACCOUNT_ID).as("accounts_touched"));
    Dataset<Row> won = opportunities.filter(col("is_won"))
        .join(segments, ACCOUNT_ID)
        .select(col("opportunity_id"), col("segment"), calendar.fiscalQuarter(col("close_date")).as("fiscal_quarter"));
    Dataset<Row> wonDeals = won.groupBy("fiscal_quarter", "segment").agg(count(lit(1)).as("won_deals"));
    Dataset<Row> onWon = activities.select("opportunity_id", "activity_type")
        .join(won, "opportunity_id")
        .groupBy("fiscal_quarter", "segment", "activity_type").agg(count(lit(1)).as("activities_on_won"));
    return effort.join(onWon, GRAIN, "full_outer")
        .join(wonDeals, new String[] {"fiscal_quarter", "segment"}, "left")
        .withColumn("activities", coalesce(col("activities"), lit(0L)))
        .withColumn("hours", coalesce(col("hours"), lit(BigDecimal.ZERO)))
        .withColumn("accounts_touched", coalesce(col("accounts_touched"), lit(0L)))
        .withColumn("won_deals", coalesce(col("won_deals"), lit(0L)))
        .withColumn("activities_on_won", coalesce(col("activities_on_won"), lit(0L)));
  }
}

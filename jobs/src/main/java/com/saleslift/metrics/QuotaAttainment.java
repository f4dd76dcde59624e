package com.saleslift.metrics;

import static com.saleslift.metrics.MetricColumn.date;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.money;
import static com.saleslift.metrics.MetricColumn.ratio;
import static com.saleslift.metrics.MetricColumn.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.saleslift.model.Columns;
import com.saleslift.validate.Hierarchy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row per target. INDIVIDUAL counts the rep's own won deals on the product closed inside
 * the period; TEAM counts those of the rep and everyone below it. A team's attainment is its
 * won amount over its own target, never an average of its reps' attainments.
 */
public final class QuotaAttainment {
  public static final MetricTable TABLE = MetricTable.of("quota_attainment", 6,
      text("rep_id"), text("level"), text("area"), text("product_id"), text("target_type"),
      date("period_start"), date("period_end"), integer("team_size"),
      money("target_amount"), money("won_amount"),
      ratio("attainment", "won_amount", "target_amount"));

  private static final StructType MEMBERS = DataTypes.createStructType(List.of(
      DataTypes.createStructField("rep_id", DataTypes.StringType, false),
      DataTypes.createStructField("target_type", DataTypes.StringType, false),
      DataTypes.createStructField("member_id", DataTypes.StringType, false)));

  private QuotaAttainment() {}

  /** (rep, target type, member): the rep alone for INDIVIDUAL, the rep and all below it for TEAM. */
  public static Dataset<Row> members(SparkSession spark, Hierarchy hierarchy) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<String>> team : hierarchy.teams().entrySet()) {
      rows.add(RowFactory.create(team.getKey(), "INDIVIDUAL", team.getKey()));
      team.getValue().forEach(member -> rows.add(RowFactory.create(team.getKey(), "TEAM", member)));
    }
    return spark.createDataFrame(rows, MEMBERS);
  }

  public static Dataset<Row> compute(Dataset<Row> targets, Dataset<Row> members, Dataset<Row> opportunities,
      Dataset<Row> reps) {
    Dataset<Row> won = opportunities.filter(col("is_won"))
        .select(col("owner_rep_id").as("_owner"), col("product_id").as("_product"), col("close_date"),
            coalesce(col(Columns.AMOUNT_BASE), lit(BigDecimal.ZERO)).as("_amount"));
    Dataset<Row> perMember = targets
        .join(members, new String[] {"rep_id", "target_type"})
        .join(won, col("member_id").equalTo(col("_owner")).and(col("product_id").equalTo(col("_product")))
            .and(col("close_date").geq(col("period_start"))).and(col("close_date").lt(col("period_end"))), "left");
    return perMember
        .groupBy("rep_id", "product_id", "target_type", "period_start", "period_end")
        .agg(first(col(Columns.AMOUNT_BASE)).as("target_amount"),
            org.apache.spark.sql.functions.countDistinct("member_id").as("team_size"),
            sum(coalesce(col("_amount"), lit(BigDecimal.ZERO))).as("won_amount"))
        .join(reps.select("rep_id", "level", "area"), "rep_id");
  }
}

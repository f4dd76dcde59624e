package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.metrics.MetricColumn.date;
import static com.saleslift.metrics.MetricColumn.decimal;
import static com.saleslift.metrics.MetricColumn.integer;
import static com.saleslift.metrics.MetricColumn.text;
import static com.saleslift.model.Columns.ASSISTED;
import static com.saleslift.model.Columns.FIRST_PAID_DATE;
import static com.saleslift.model.Columns.SIZE_BAND;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.table.ResultTable;
import com.saleslift.validate.UsageRollup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * accounts_to_engage (docs/metrics.md, "Account lists"): from "where" to "who". New accounts whose
 * early usage is known and whose touch window is still open, untouched and unpaid, in a segment
 * and size band where sales_lift judged a touch to raise 180-day conversion; ranked by that
 * cell's lift, then by early usage. The cells and their lifts are read from the sales_lift table
 * the same run computed: no second estimation, and the list can never disagree with the report.
 */
public final class AccountsToEngage {
  public static final MetricTable TABLE = MetricTable.of("accounts_to_engage", 1,
      integer("rank"), text(ACCOUNT_ID), text("account_name"), text("owner_rep_id"), text("segment"), text(SIZE_BAND),
      text(SalesLift.USAGE_BAND), integer("early_events"), text("created_at"), date("touch_window_ends"),
      decimal("cell_adjusted_lift"), decimal("cell_ci_low"), decimal("cell_ci_high"), decimal("cell_mrr_12m_lift"));

  private static final String CONVERSION = SalesLift.Outcome.CONVERTED_180D.name();
  private static final String MRR_12M = SalesLift.Outcome.MRR_12M.name();
  static final StructType CELLS = new StructType()
      .add("_segment", DataTypes.StringType).add("_size_band", DataTypes.StringType)
      .add("cell_adjusted_lift", DataTypes.createDecimalType(38, 4)).add("cell_ci_low", DataTypes.createDecimalType(38, 4))
      .add("cell_ci_high", DataTypes.createDecimalType(38, 4)).add("cell_mrr_12m_lift", DataTypes.createDecimalType(38, 4));

  private AccountsToEngage() {}

  /**
   * The (segment, size band) cells of sales_lift whose verdict on 180-day conversion is
   * ADDS_VALUE, with that row's lift and interval, and the same cell's lift on MRR in month 12
   * (none where that row is INSUFFICIENT_DATA). A handful of rows, so a local relation.
   */
  public static Dataset<Row> cells(SparkSession spark, ResultTable lift) {
    List<Row> cells = new ArrayList<>();
    for (List<String> row : lift.rows()) {
      if (row(lift, row, CONVERSION) && lift.text(row, "verdict").equals(SalesLift.Verdict.ADDS_VALUE.name())
          && !lift.text(row, SIZE_BAND).equals(SalesLift.ALL_SIZES)) {
        BigDecimal mrr = lift.rows().stream()
            .filter(r -> row(lift, r, MRR_12M) && sameCell(lift, r, row)
                && !lift.text(r, "verdict").equals(SalesLift.Verdict.INSUFFICIENT_DATA.name()))
            .findFirst().flatMap(r -> lift.number(r, "adjusted_lift")).orElse(null);
        cells.add(RowFactory.create(lift.text(row, "segment"), lift.text(row, SIZE_BAND),
            lift.number(row, "adjusted_lift").orElseThrow(), lift.number(row, "ci_low").orElseThrow(),
            lift.number(row, "ci_high").orElseThrow(), mrr));
      }
    }
    return spark.createDataFrame(cells, CELLS);
  }

  private static boolean row(ResultTable lift, List<String> row, String outcome) {
    return lift.text(row, "outcome").equals(outcome);
  }

  private static boolean sameCell(ResultTable lift, List<String> a, List<String> b) {
    return lift.text(a, "segment").equals(lift.text(b, "segment")) && lift.text(a, SIZE_BAND).equals(lift.text(b, SIZE_BAND));
  }

  /**
   * The ranked list at the run date. {@code accounts}: the model's (size band, first paid date);
   * {@code activities}: the model's (assisted flag); {@code earlyUsage}: each account's
   * pre-period event count, as sales_lift reads it ({@link UsageRollup#early}).
   */
  public static Dataset<Row> compute(Dataset<Row> accounts, Dataset<Row> activities, Dataset<Row> earlyUsage,
      Dataset<Row> cells, LocalDate runDate, SalesLiftConfig.Lift lift) {
    // Whole reporting-zone days: the session's time zone is the reporting zone.
    Column age = datediff(lit(runDate), to_date(col("created_at")));
    Dataset<Row> touched = activities.filter(col(ASSISTED)).select(ACCOUNT_ID).distinct();
    Dataset<Row> eligible = accounts
        .filter(age.geq(lift.prePeriodDays()).and(age.lt(lift.touchWindowDays())).and(col(FIRST_PAID_DATE).isNull()))
        .join(touched, accounts.col(ACCOUNT_ID).equalTo(touched.col(ACCOUNT_ID)), "left_anti")
        .join(cells, col("segment").equalTo(col("_segment")).and(col(SIZE_BAND).equalTo(col("_size_band"))))
        .join(earlyUsage, ACCOUNT_ID, "left")
        .withColumn("early_events", coalesce(col(UsageRollup.EARLY_EVENTS), lit(0L)));
    Column order = row_number().over(Window.orderBy(col("cell_adjusted_lift").desc(), col("early_events").desc(),
        col(ACCOUNT_ID).asc()));
    return eligible
        .withColumn("rank", order)
        .withColumn(SalesLift.USAGE_BAND, SalesLift.usageBand(col("early_events")))
        .withColumn("touch_window_ends", date_add(to_date(col("created_at")), lift.touchWindowDays()))
        .select("rank", ACCOUNT_ID, "account_name", "owner_rep_id", "segment", SIZE_BAND, SalesLift.USAGE_BAND,
            "early_events", "created_at", "touch_window_ends", "cell_adjusted_lift", "cell_ci_low", "cell_ci_high",
            "cell_mrr_12m_lift");
  }
}

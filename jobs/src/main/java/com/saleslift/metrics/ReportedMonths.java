package com.saleslift.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_date;

import com.saleslift.model.Calendar;
import com.saleslift.model.Model;
import com.saleslift.validate.UsageRollup;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reported months: from the first month with any subscription, opportunity or usage row up
 * to the month of the run date, each with its evaluation day E (last day, or the run date).
 */
public record ReportedMonths(int first, int last, Dataset<Row> months) {
  public static final String MONTH_INDEX = "month_index";
  public static final String EVALUATION_DAY = "evaluation_day";
  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(MONTH_INDEX, DataTypes.IntegerType, false),
      DataTypes.createStructField(EVALUATION_DAY, DataTypes.DateType, false)));

  public static ReportedMonths of(SparkSession spark, Model model) {
    Calendar calendar = model.calendar();
    Dataset<Row> firsts = model.subscriptions().select(to_date(col("start_date")).as("d"))
        .unionByName(model.opportunities().select(to_date(col("created_at")).as("d")))
        .unionByName(model.usage().groups().select(to_date(col(UsageRollup.FIRST_AT)).as("d")));
    Row earliest = firsts.agg(min("d")).first();
    int last = calendar.runMonthIndex();
    int first = earliest.isNullAt(0) ? last : Calendar.index(java.time.YearMonth.from(earliest.<LocalDate>getAs(0)));
    return of(spark, calendar, first, last);
  }

  public static ReportedMonths of(SparkSession spark, Calendar calendar, int first, int last) {
    List<Row> rows = new ArrayList<>();
    for (int m = first; m <= last; m++) {
      rows.add(RowFactory.create(m, calendar.evaluationDay(m)));
    }
    return new ReportedMonths(first, last, spark.createDataFrame(rows, SCHEMA));
  }

  /** "YYYY-MM" of a month number. */
  public static Column label(Column monthIndex) {
    return format_string("%04d-%02d", floor(monthIndex.divide(12)).cast("int"), pmod(monthIndex, org.apache.spark.sql.functions.lit(12)).plus(1));
  }
}

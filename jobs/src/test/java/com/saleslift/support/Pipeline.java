package com.saleslift.support;

import com.saleslift.config.ConfigLoader;
import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.InputReader;
import com.saleslift.ingest.ValueParser;
import com.saleslift.metrics.AccountMrr;
import com.saleslift.metrics.CoreMetrics;
import com.saleslift.metrics.MrrMovements;
import com.saleslift.metrics.ReportedMonths;
import com.saleslift.metrics.SalesLift;
import com.saleslift.model.Model;
import com.saleslift.model.Normalizer;
import com.saleslift.table.ResultTable;
import com.saleslift.validate.ValidatedInput;
import com.saleslift.validate.Validation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The run's stages in-process, without publishing: what metric tests call on a fixture folder. */
public final class Pipeline {
  private Pipeline() {}

  public static SalesLiftConfig config(Path input) {
    return ConfigLoader.resolve(Optional.empty(), input);
  }

  public static ValidatedInput validate(Path input, LocalDate runDate) {
    SalesLiftConfig config = config(input);
    SparkSession spark = SparkTestSession.get();
    spark.conf().set("spark.sql.session.timeZone", config.reportingTimezone().getId());
    return new Validation(spark, config, runDate)
        .validate(InputReader.readAll(input, new ValueParser(config.sourceTimezone()), config.sources()));
  }

  public static Model model(Path input, LocalDate runDate) {
    return Normalizer.normalize(validate(input, runDate), config(input), runDate);
  }

  public static Map<String, ResultTable> metrics(Path input, LocalDate runDate) {
    SparkSession spark = SparkTestSession.get();
    Model model = model(input, runDate);
    return new CoreMetrics(spark, config(input)).compute(model, ReportedMonths.of(spark, model), Map.of()).tables();
  }

  /** sales_lift's per-account outcomes, wired as CoreMetrics wires them, for tests that recompute the table. */
  public static Dataset<Row> salesLiftOutcomes(Path input, LocalDate runDate) {
    SparkSession spark = SparkTestSession.get();
    Model model = model(input, runDate);
    ReportedMonths months = ReportedMonths.of(spark, model);
    Dataset<Row> mrrByProduct = AccountMrr.byProduct(model.subscriptions(), months);
    Dataset<Row> movements = MrrMovements.perAccount(MrrMovements.perProduct(mrrByProduct, model.opportunities(), months.last()));
    return SalesLift.accountOutcomes(model.accounts(), model.activities(), model.usage().early(),
        AccountMrr.byAccount(mrrByProduct), movements, model.calendar(), config(input).lift()).localCheckpoint();
  }

  /** A table's rows as "a,b,c" lines, header first: what the CSV file would hold. */
  public static List<String> lines(ResultTable table) {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    lines.add(String.join(",", table.columns()));
    table.rows().forEach(r -> lines.add(String.join(",", r)));
    return lines;
  }
}

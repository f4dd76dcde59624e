package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.model.Calendar;
import com.saleslift.model.Model;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import com.saleslift.table.ResultTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dbt mrr-playbook's sample subscription_periods (github.com/dbt-labs/mrr-playbook, its seed
 * file, copied under test resources `conformance/mrr-playbook/`) must give, month by
 * month, the playbook's own classification: new, upgrade = upsell, downgrade = contraction,
 * churn, reactivation. The expected totals come from {@link Playbook}, a line-by-line reading
 * of the playbook's SQL models (customer_revenue_by_month, customer_churn_month, mrr), and
 * from customers 1 and 5 worked out by hand.
 */
class MrrPlaybookConformanceTest {
  static final Path PERIODS = Path.of("src", "test", "resources", "conformance", "mrr-playbook", "subscription_periods.csv");
  static final LocalDate RUN = LocalDate.of(2020, 2, 29);

  @TempDir
  static Path dir;
  static List<String[]> periods;
  static Path input;

  @BeforeAll
  static void mapPlaybookOntoCanonicalTables() throws IOException {
    periods = Files.readAllLines(PERIODS).stream().skip(1).map(l -> l.split(",")).toList();
    String accounts = periods.stream().map(p -> p[1]).distinct()
        .map(c -> "C" + c + ",,B2B,,,,,,2017-01-01T00:00:00Z").collect(Collectors.joining("\n"));
    String subscriptions = periods.stream()
        .map(p -> String.join(",", "S" + p[0], "C" + p[1], "p", "", "", p[4], "", p[2], p[3]))
        .collect(Collectors.joining("\n"));
    input = new InputFolder(dir).table("accounts", accounts).table("subscriptions", subscriptions).write();
  }

  @Test
  void monthlyTotalsEqualThePlaybookClassification() {
    ResultTable movements = Pipeline.metrics(input, RUN).get("mrr_movements");
    Map<String, Map<String, BigDecimal>> ours = new TreeMap<>();
    for (List<String> row : movements.rows()) {
      Map<String, BigDecimal> month = ours.computeIfAbsent(movements.text(row, "month"), m -> new TreeMap<>());
      for (String[] pair : new String[][] {{"new", "new"}, {"upgrade", "upsell"}, {"downgrade", "contraction"},
          {"churn", "churn"}, {"reactivation", "reactivation"}, {"cross_sell", "cross_sell"}}) {
        month.merge(pair[0], movements.number(row, pair[1]).orElseThrow(), BigDecimal::add);
      }
    }
    Map<String, Map<String, BigDecimal>> expected = Playbook.monthlyTotals(periods);
    assertThat(expected).isNotEmpty();
    for (Map.Entry<String, Map<String, BigDecimal>> month : expected.entrySet()) {
      for (Map.Entry<String, BigDecimal> category : month.getValue().entrySet()) {
        assertThat(ours.getOrDefault(month.getKey(), Map.of()).getOrDefault(category.getKey(), BigDecimal.ZERO))
            .as(month.getKey() + " " + category.getKey())
            .isEqualByComparingTo(category.getValue());
      }
    }
    // And nothing the playbook does not have: every month of ours with movements is one of its months.
    ours.forEach((month, totals) -> totals.forEach((category, amount) -> {
      if (amount.signum() != 0) {
        assertThat(expected.getOrDefault(month, Map.of())).as(month + " " + category).containsKey(category);
      }
    }));
  }

  @Test
  void customersOneAndFiveMonthByMonth() {
    Model model = Pipeline.model(input, RUN);
    ReportedMonths months = ReportedMonths.of(SparkTestSession.get(), model);
    List<Row> rows = MrrMovements.perAccount(MrrMovements.perProduct(AccountMrr.byProduct(model.subscriptions(), months), model.opportunities(),
        months.last())).filter("account_id in ('C1', 'C5')").collectAsList();
    Map<String, String> moves = new TreeMap<>();
    for (Row r : rows) {
      List<String> nonZero = new ArrayList<>();
      for (String m : MrrMovements.MOVEMENTS) {
        BigDecimal v = r.getAs(m);
        if (v.signum() != 0) {
          nonZero.add(m + " " + v.stripTrailingZeros().toPlainString());
        }
      }
      if (!nonZero.isEmpty()) {
        moves.put(r.getAs("account_id") + " " + Calendar.monthOfIndex(r.<Integer>getAs("month_index")), String.join(", ", nonZero));
      }
    }
    assertThat(moves).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
        Map.entry("C1 2018-11", "new 50"),
        Map.entry("C1 2019-02", "churn 50"),
        Map.entry("C1 2019-04", "reactivation 50"),
        Map.entry("C1 2019-06", "upsell 25"),
        Map.entry("C1 2019-08", "churn 75"),
        Map.entry("C5 2018-11", "new 50"),
        Map.entry("C5 2018-12", "contraction 25"),
        Map.entry("C5 2019-03", "churn 25"),
        Map.entry("C5 2019-07", "reactivation 50"),
        Map.entry("C5 2019-08", "contraction 25"),
        Map.entry("C5 2019-09", "upsell 25"),
        Map.entry("C5 2019-10", "contraction 25"),
        Map.entry("C5 2019-12", "upsell 15"),
        Map.entry("C5 2020-01", "churn 40"))));
  }

  /** The playbook's models, read literally, on plain Java values. */
  static final class Playbook {
    static Map<String, Map<String, BigDecimal>> monthlyTotals(List<String[]> periods) {
      Map<String, List<String[]>> byCustomer = periods.stream().collect(Collectors.groupingBy(p -> p[1], TreeMap::new, Collectors.toList()));
      Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
      byCustomer.forEach((customer, own) -> {
        // customer_revenue_by_month: months from the first start month up to (not including) the month of the last end.
        YearMonth first = own.stream().map(p -> YearMonth.from(LocalDate.parse(p[2]))).min(YearMonth::compareTo).orElseThrow();
        YearMonth end = own.stream().map(p -> YearMonth.from(LocalDate.parse(p[3]))).max(YearMonth::compareTo).orElseThrow();
        List<YearMonth> months = new ArrayList<>();
        List<BigDecimal> mrr = new ArrayList<>();
        for (YearMonth m = first; m.isBefore(end); m = m.plusMonths(1)) {
          LocalDate day = m.atDay(1);
          BigDecimal sum = BigDecimal.ZERO;
          for (String[] p : own) {
            if (!day.isBefore(LocalDate.parse(p[2])) && day.isBefore(LocalDate.parse(p[3]))) {
              sum = sum.add(new BigDecimal(p[4]));
            }
          }
          months.add(m);
          mrr.add(sum);
        }
        int firstActive = -1;
        int lastActive = -1;
        for (int i = 0; i < months.size(); i++) {
          if (mrr.get(i).signum() > 0) {
            firstActive = firstActive < 0 ? i : firstActive;
            lastActive = i;
          }
        }
        // customer_churn_month: a zero row for the month after the last active month.
        months.add(months.get(lastActive).plusMonths(1));
        mrr.add(BigDecimal.ZERO);
        // mrr: lag over the customer's months, then the case expression.
        for (int i = 0; i < months.size(); i++) {
          boolean active = mrr.get(i).signum() > 0;
          boolean previousActive = i > 0 && mrr.get(i - 1).signum() > 0;
          BigDecimal change = mrr.get(i).subtract(i > 0 ? mrr.get(i - 1) : BigDecimal.ZERO);
          String category = i == firstActive ? "new"
              : !active && previousActive ? "churn"
              : active && !previousActive ? "reactivation"
              : change.signum() > 0 ? "upgrade"
              : change.signum() < 0 ? "downgrade" : null;
          if (category != null) {
            totals.computeIfAbsent(months.get(i).toString(), k -> new TreeMap<>()).merge(category, change.abs(), BigDecimal::add);
          }
        }
      });
      return totals;
    }
  }
}

package com.saleslift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.model.Model;
import com.saleslift.support.InputFolder;
import com.saleslift.support.Pipeline;
import com.saleslift.support.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every movement kind on one account (A1: new, upsell, cross-sell, contraction, churn,
 * reactivation), month-end edges (A2 starts on Jan 31, A4 ends on Mar 31), and sales-assisted
 * upsell (closed the month before) and cross-sell (closed the same month). Values by hand.
 */
class MrrMovementsTest {
  @TempDir
  static Path dir;
  static Path input;
  static final LocalDate RUN = LocalDate.of(2024, 7, 31);

  @BeforeAll
  static void fixture() {
    input = new InputFolder(dir)
        .table("accounts", """
            A1,,B2B,,,,,,2023-12-01T00:00:00Z
            A2,,B2B,,,,,,2023-12-01T00:00:00Z
            A3,,B2C,,,,,,2023-12-01T00:00:00Z
            A4,,B2C,,,,,,2023-12-01T00:00:00Z
            """)
        .table("subscriptions", """
            S1,A1,p,,,100,,2024-01-01,2024-02-01
            S1,A1,p,,,150,,2024-02-01,2024-04-01
            S1,A1,p,,,120,,2024-04-01,2024-05-01
            S2,A1,q,,,30,,2024-03-01,2024-05-01
            S3,A1,p,,,80,,2024-07-01,
            S4,A2,p,,,200,,2024-01-31,
            S5,A3,p,,,10,,2024-02-01,
            S6,A4,p,,,20,,2024-01-15,2024-03-31
            """)
        .table("activities", "T1,R1,A1,,CALL,2023-12-20T10:00:00Z,15")
        .table("opportunities", """
            O1,A1,R1,p,UPSELL,,true,true,600,,,2024-01-05T00:00:00Z,2024-01-20,
            O2,A1,R1,q,CROSS_SELL,,true,true,360,,,2024-03-01T00:00:00Z,2024-03-15,
            """)
        .write();
  }

  @Test
  void everyMovementKindPerMonthSegmentAndChannel() {
    List<String> lines = Pipeline.lines(Pipeline.metrics(input, RUN).get("mrr_movements"));
    String b2bProductLed = ",B2B,PRODUCT_LED,1,1,200.00,0.00,0.00,0.00,0.00,0.00,0.00,200.00,0.00,0.00";
    String b2cSteady = ",B2C,PRODUCT_LED,1,1,10.00,0.00,0.00,0.00,0.00,0.00,0.00,10.00,0.00,0.00";
    assertThat(lines).containsExactly(
        "month,segment,channel,accounts_start,accounts_end,mrr_start,new,upsell,cross_sell,reactivation,contraction,churn,mrr_end,upsell_sales_assisted,cross_sell_sales_assisted",
        "2024-01,B2B,PRODUCT_LED,0,1,0.00,200.00,0.00,0.00,0.00,0.00,0.00,200.00,0.00,0.00",
        "2024-01,B2B,SALES_LED,0,1,0.00,100.00,0.00,0.00,0.00,0.00,0.00,100.00,0.00,0.00",
        "2024-01,B2C,PRODUCT_LED,0,1,0.00,20.00,0.00,0.00,0.00,0.00,0.00,20.00,0.00,0.00",
        "2024-02" + b2bProductLed,
        "2024-02,B2B,SALES_LED,1,1,100.00,0.00,50.00,0.00,0.00,0.00,0.00,150.00,50.00,0.00",
        "2024-02,B2C,PRODUCT_LED,1,2,20.00,10.00,0.00,0.00,0.00,0.00,0.00,30.00,0.00,0.00",
        "2024-03" + b2bProductLed,
        "2024-03,B2B,SALES_LED,1,1,150.00,0.00,0.00,30.00,0.00,0.00,0.00,180.00,0.00,30.00",
        "2024-03,B2C,PRODUCT_LED,2,1,30.00,0.00,0.00,0.00,0.00,0.00,20.00,10.00,0.00,0.00",
        "2024-04" + b2bProductLed,
        "2024-04,B2B,SALES_LED,1,1,180.00,0.00,0.00,0.00,0.00,30.00,0.00,150.00,0.00,0.00",
        "2024-04" + b2cSteady,
        "2024-05" + b2bProductLed,
        "2024-05,B2B,SALES_LED,1,0,150.00,0.00,0.00,0.00,0.00,0.00,150.00,0.00,0.00,0.00",
        "2024-05" + b2cSteady,
        "2024-06" + b2bProductLed,
        "2024-06" + b2cSteady,
        "2024-07" + b2bProductLed,
        "2024-07,B2B,SALES_LED,0,1,0.00,0.00,0.00,0.00,80.00,0.00,0.00,80.00,0.00,0.00",
        "2024-07" + b2cSteady);
  }

  @Test
  void endMinusStartEqualsTheMovementsForEveryAccountAndMonth() {
    Model model = Pipeline.model(input, RUN);
    ReportedMonths months = ReportedMonths.of(SparkTestSession.get(), model);
    Dataset<Row> perAccount = MrrMovements.perAccount(MrrMovements.perProduct(AccountMrr.byProduct(model.subscriptions(), months),
        model.opportunities(), months.last()));
    List<Row> rows = perAccount.collectAsList();
    assertThat(rows).hasSize(22);
    for (Row r : rows) {
      BigDecimal change = r.<BigDecimal>getAs("cur").subtract(r.getAs("prev"));
      BigDecimal movements = r.<BigDecimal>getAs("new").add(r.getAs("upsell")).add(r.getAs("cross_sell"))
          .add(r.getAs("reactivation")).subtract(r.getAs("contraction")).subtract(r.getAs("churn"));
      assertThat(movements).as(r.toString()).isEqualByComparingTo(change);
    }
  }
}

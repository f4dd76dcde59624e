package com.saleslift.report;

import java.util.List;

/**
 * The report's sections in reading order, titled as leaders asked for them, with the charts of
 * each. The executive summary comes before them; data quality and definitions after.
 */
public final class ReportCharts {
  public static final String EXECUTIVE_SUMMARY = "Executive summary";
  public static final String DATA_QUALITY = "Data quality";
  public static final String DEFINITIONS = "Definitions";

  /** A section of chart pages. */
  public record Section(String title, List<ReportChart> charts) {}

  public static final List<Section> SECTIONS = List.of(
      new Section("Where sales adds value", List.of(new SalesLiftChart())),
      new Section("Revenue", List.of(new MrrMovementsChart(), new RetentionChart())),
      new Section("Product-led growth", List.of(new ActivationChart(), new OnboardingChart(), new LifecycleChart())),
      new Section("Sales performance", List.of(new EngageChart(), new HoldoutChart(), new RiskChart(), new FunnelChart(), new QuotaChart(), new ActivityChart(),
          new OutreachChart(), new QuarterEndChart())),
      new Section("Customer requests", List.of(new PromisesChart())));

  /** Every chart, in reading order. */
  public static final List<ReportChart> ALL = SECTIONS.stream().flatMap(s -> s.charts().stream()).toList();

  /** Every section title, in the order of the PDF. */
  public static final List<String> TITLES = java.util.stream.Stream.of(
      java.util.stream.Stream.of(EXECUTIVE_SUMMARY), SECTIONS.stream().map(Section::title), java.util.stream.Stream.of(DATA_QUALITY, DEFINITIONS))
      .flatMap(s -> s).toList();

  private ReportCharts() {}
}

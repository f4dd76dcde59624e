package com.saleslift.report;

import java.util.List;

/** The charts of the report, in reading order. */
public final class ReportCharts {
  public static final List<ReportChart> ALL = List.of(
      new MrrMovementsChart(),
      new SalesLiftChart(),
      new RetentionChart(),
      new ActivationChart(),
      new OnboardingChart(),
      new LifecycleChart(),
      new FunnelChart(),
      new QuotaChart(),
      new ActivityChart(),
      new OutreachChart(),
      new QuarterEndChart(),
      new PromisesChart());

  private ReportCharts() {}
}

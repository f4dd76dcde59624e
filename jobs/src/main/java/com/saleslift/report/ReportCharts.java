package com.saleslift.report;

import java.util.List;

/** The charts of the report, in reading order. */
public final class ReportCharts {
  public static final List<ReportChart> ALL = List.of(
      new MrrMovementsChart(),
      new RetentionChart(),
      new ActivationChart(),
      new FunnelChart(),
      new QuotaChart());

  private ReportCharts() {}
}

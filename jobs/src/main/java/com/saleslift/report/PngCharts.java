package com.saleslift.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;

/** Writes each chart as `charts/<name>.png` at presentation size, titled for pasting into slides. */
public final class PngCharts {
  /** Drawn at 800 x 450 points and scaled 2x: 1600 x 900 pixels with text as large as on the page. */
  static final int WIDTH = 800;
  static final int HEIGHT = 450;
  static final int SCALE = 2;

  private PngCharts() {}

  /** The files written, relative to {@code chartsDir}'s parent. */
  public static List<Path> write(ReportData data, Path chartsDir) throws IOException {
    Files.createDirectories(chartsDir);
    List<Path> written = new ArrayList<>();
    for (ReportChart reportChart : ReportCharts.ALL) {
      Optional<JFreeChart> chart = reportChart.chart(data);
      if (chart.isEmpty()) {
        continue;
      }
      JFreeChart c = chart.get();
      c.setTitle(new TextTitle(reportChart.title(), ReportFonts.bold(15f)));
      Path file = chartsDir.resolve(reportChart.fileName() + ".png");
      try (OutputStream out = Files.newOutputStream(file)) {
        ChartUtils.writeScaledChartAsPNG(out, c, WIDTH, HEIGHT, SCALE, SCALE);
      }
      written.add(file);
    }
    return written;
  }
}

package com.saleslift.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.table.DataSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF's text stays on its pages: a table cell too long for its column wraps inside it. */
class ReportPdfTest {
  @TempDir
  Path dir;

  @Test
  void aDataQualityRowWithThreeRejectReasonsWrapsInsideThePage() throws IOException {
    Map<String, Long> reasons = new LinkedHashMap<>();
    reasons.put("MISSING_REQUIRED", 1_224L);
    reasons.put("DUPLICATE_CONFLICT", 31_337L);
    reasons.put("UNKNOWN_CURRENCY", 4_096L);
    reasons.put("MALFORMED_ROW", 12L);
    ReportData data = new ReportData("2024-06-30", "Nightly run", LocalDate.of(2024, 6, 30), "2024-01", "2024-06", "EUR",
        Map.of(), List.of(new ReportData.InputQuality("opportunities", 100_000, 63_331, reasons, 0, 0)), Optional.empty(),
        new ReportData.Settings("UTC", 1, 20, "given", ReportFixture.TOLERANCES, true), List.of(), List.of(), new DataSupport(java.util.Set.of()));
    Path pdf = dir.resolve("report.pdf");
    ReportPdf.write(data, pdf);

    List<TextPosition> glyphs = new ArrayList<>();
    float[] pageWidth = new float[1];
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      pageWidth[0] = doc.getPage(0).getMediaBox().getWidth();
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          glyphs.add(text);
          super.processTextPosition(text);
        }
      };
      String text = stripper.getText(doc).replaceAll("\\s+", " ");
      assertThat(text).contains("MALFORMED_ROW 12");
    }
    assertThat(glyphs).isNotEmpty().allSatisfy(g -> assertThat(g.getXDirAdj() + g.getWidthDirAdj()).isLessThanOrEqualTo(pageWidth[0] - 39));
  }
}

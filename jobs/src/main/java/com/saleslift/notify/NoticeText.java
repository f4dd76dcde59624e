package com.saleslift.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A notice as the e-mail's plain-text and HTML parts: the same sections in the same order, so a
 * reader whose mail program shows only text misses nothing.
 */
public final class NoticeText {
  static final List<String> COLUMNS = List.of("Figure", "Now", "vs previous run", "vs a year before");

  private NoticeText() {}

  /** What the report is attached as, or why it is not: printed after its path. */
  public enum Attachment {
    ATTACHED(" (attached)"), NOT_ATTACHED(""), TOO_LARGE(" (too large to attach)");

    private final String note;

    Attachment(String note) {
      this.note = note;
    }
  }

  /** "Nightly run, run date 2026-11-30: published with warnings." */
  static String opening(Notice notice) {
    return notice.scope() + (notice.runDate() == null ? "" : ", run date " + notice.runDate()) + ": " + notice.status().words()
        + "." + (notice.status().published() ? "" : " Nothing was published; the runs published before stay as they were.");
  }

  public static String plain(Notice notice, Attachment attachment) {
    StringBuilder text = new StringBuilder(opening(notice)).append("\n");
    if (!notice.status().published()) {
      text.append("\nReason: ").append(notice.message()).append("\n");
      if (notice.failedFolder() != null) {
        text.append("Its run.json and rejects: ").append(notice.failedFolder()).append("\n");
      }
      return text.toString();
    }
    section(text, "Data warnings", notice.warnings());
    text.append("\nHEADLINE FIGURES\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(COLUMNS);
    notice.headline().forEach(f -> rows.add(List.of(f.figure(), f.now(), f.vsPrevious(), f.vsYearBefore())));
    int[] widths = new int[COLUMNS.size()];
    rows.forEach(r -> {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    });
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(String.format(Locale.ROOT, i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s", r.get(i)));
      }
      text.append(line.toString().stripTrailing()).append("\n");
    }
    section(text, notice.changesHeading(), notice.changes());
    section(text, "Findings", notice.findings());
    text.append("\nReport: ").append(notice.report()).append(attachment.note).append("\n");
    return text.toString();
  }

  public static String html(Notice notice, Attachment attachment) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n");
    html.append("<p><b>").append(escape(opening(notice))).append("</b></p>\n");
    if (!notice.status().published()) {
      html.append("<p>Reason: ").append(escape(notice.message())).append("</p>\n");
      if (notice.failedFolder() != null) {
        html.append("<p>Its run.json and rejects: <code>").append(escape(notice.failedFolder().toString())).append("</code></p>\n");
      }
      return html.append("</body></html>\n").toString();
    }
    if (!notice.warnings().isEmpty()) {
      html.append("<h3 style=\"color:#8b0000\">Data warnings</h3>\n");
      list(html, notice.warnings(), "color:#8b0000");
    }
    html.append("<h3>Headline figures</h3>\n<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n<tr>");
    COLUMNS.forEach(c -> html.append("<th align=\"").append(c.equals("Figure") ? "left" : "right").append("\">")
        .append(escape(c)).append("</th>"));
    html.append("</tr>\n");
    for (Notice.Figure f : notice.headline()) {
      html.append("<tr><td>").append(escape(f.figure())).append("</td>");
      for (String value : List.of(f.now(), f.vsPrevious(), f.vsYearBefore())) {
        html.append("<td align=\"right\">").append(escape(value)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    if (!notice.changes().isEmpty()) {
      html.append("<h3>").append(escape(notice.changesHeading())).append("</h3>\n");
      list(html, notice.changes(), null);
    }
    if (!notice.findings().isEmpty()) {
      html.append("<h3>Findings</h3>\n");
      list(html, notice.findings(), null);
    }
    html.append("<p>Report: <code>").append(escape(String.valueOf(notice.report()))).append("</code>")
        .append(escape(attachment.note)).append("</p>\n");
    return html.append("</body></html>\n").toString();
  }

  private static void section(StringBuilder text, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    text.append("\n").append(title.toUpperCase(Locale.ROOT)).append("\n");
    items.forEach(item -> text.append("- ").append(item).append("\n"));
  }

  private static void list(StringBuilder html, List<String> items, String style) {
    html.append(style == null ? "<ul>\n" : "<ul style=\"" + style + "\">\n");
    items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>\n"));
    html.append("</ul>\n");
  }

  /** Text as HTML shows it literally. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

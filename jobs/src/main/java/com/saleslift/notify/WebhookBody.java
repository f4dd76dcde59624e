package com.saleslift.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The body a webhook receives: SalesLift's own JSON, or the same content as a Slack message. */
public final class WebhookBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Slack's limits: a header's text, a section's text. */
  private static final int HEADER_CHARS = 150;
  private static final int SECTION_CHARS = 3000;

  private WebhookBody() {}

  /**
   * `{"run_id", "run_date", "status", "warnings", "headline": [{"figure", "now", "vs_previous",
   * "vs_year_before"}], "changes_since", "changes", "findings", "report", "message", "failed_folder"}`.
   */
  public static String json(Notice notice) {
    ObjectNode body = JSON.createObjectNode();
    body.put("run_id", notice.runId());
    body.put("run_date", notice.runDate() == null ? null : notice.runDate().toString());
    body.put("status", notice.status().key());
    strings(body.putArray("warnings"), notice.warnings());
    ArrayNode headline = body.putArray("headline");
    for (Notice.Figure f : notice.headline()) {
      headline.addObject().put("figure", f.figure()).put("now", f.now()).put("vs_previous", f.vsPrevious())
          .put("vs_year_before", f.vsYearBefore());
    }
    body.put("changes_since", notice.changesHeading());
    strings(body.putArray("changes"), notice.changes());
    strings(body.putArray("findings"), notice.findings());
    body.put("report", notice.report() == null ? null : notice.report().toString());
    body.put("message", notice.message());
    body.put("failed_folder", notice.failedFolder() == null ? null : notice.failedFolder().toString());
    return body.toString();
  }

  /** `{"text": ..., "blocks": [...]}`: a header, the opening line, then the same sections as the e-mail. */
  public static String slack(Notice notice) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", notice.subject() + ". " + NoticeText.opening(notice));
    ArrayNode blocks = body.putArray("blocks");
    blocks.addObject().put("type", "header").set("text", plain(cut(notice.subject(), HEADER_CHARS)));
    section(blocks, escape(NoticeText.opening(notice)));
    if (!notice.status().published()) {
      section(blocks, "*Reason:* " + escape(notice.message()) + (notice.failedFolder() == null ? ""
          : "\n*Its run.json and rejects:* `" + escape(notice.failedFolder().toString()) + "`"));
      return body.toString();
    }
    if (!notice.warnings().isEmpty()) {
      section(blocks, ":warning: *Data warnings*\n" + bullets(notice.warnings()));
    }
    StringBuilder figures = new StringBuilder("*Headline figures*");
    for (Notice.Figure f : notice.headline()) {
      figures.append("\n*").append(escape(f.figure())).append(":* ").append(escape(f.now())).append(" (")
          .append(escape(f.vsPrevious())).append(" vs previous run, ").append(escape(f.vsYearBefore()))
          .append(" vs a year before)");
    }
    section(blocks, figures.toString());
    if (!notice.changes().isEmpty()) {
      section(blocks, "*" + escape(notice.changesHeading()) + "*\n" + bullets(notice.changes()));
    }
    if (!notice.findings().isEmpty()) {
      section(blocks, "*Findings*\n" + bullets(notice.findings()));
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", "Report: `" + escape(notice.report().toString()) + "`");
    return body.toString();
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    ObjectNode text = JSON.createObjectNode().put("type", "mrkdwn").put("text", cut(mrkdwn, SECTION_CHARS));
    blocks.addObject().put("type", "section").set("text", text);
  }

  private static ObjectNode plain(String text) {
    return JSON.createObjectNode().put("type", "plain_text").put("text", text);
  }

  private static String bullets(List<String> items) {
    return String.join("\n", items.stream().map(i -> "\u2022 " + escape(i)).toList());
  }

  private static void strings(ArrayNode array, List<String> items) {
    items.forEach(array::add);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }

  /** Slack reads &, < and > as markup: these three are escaped, nothing else. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

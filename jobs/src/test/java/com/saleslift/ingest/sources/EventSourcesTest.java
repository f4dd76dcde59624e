package com.saleslift.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.ingest.CanonicalTable;
import com.saleslift.ingest.ParsedTable;
import com.saleslift.ingest.RejectReason;
import com.saleslift.ingest.ValueParser;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A PostHog events export: account from `$group_0` or `properties.$groups`, product from a property or the event name. */
class EventSourcesTest {
  @Test
  void postHogEventsBecomeUsageEvents() throws URISyntaxException {
    Path folder = Path.of(EventSourcesTest.class.getResource("/sources/posthog").toURI());
    SalesLiftConfig.Events config = new SalesLiftConfig.Events("product", Map.of("invite_sent", "core"), "");
    ParsedTable usage = EventSources.postHog(folder, new ValueParser(ZoneOffset.UTC), config, java.util.function.UnaryOperator.identity()).get(CanonicalTable.USAGE_EVENTS);
    CanonicalTable t = CanonicalTable.USAGE_EVENTS;
    assertThat(usage.rows()).hasSize(2);
    Row created = usage.rows().get(0);
    assertThat(created.get(t.columnNames().indexOf("event_id"))).isEqualTo("018f-1");
    assertThat(created.get(t.columnNames().indexOf("account_id"))).isEqualTo("001000000000001AAA");
    assertThat(created.get(t.columnNames().indexOf("product_id"))).isEqualTo("analytics");
    assertThat(created.get(t.columnNames().indexOf("occurred_at"))).isEqualTo(Instant.parse("2024-03-01T09:00:00.123Z"));
    Row invite = usage.rows().get(1);
    assertThat(invite.get(t.columnNames().indexOf("account_id"))).isEqualTo("001000000000002AAA");
    assertThat(invite.get(t.columnNames().indexOf("product_id"))).isEqualTo("core");
    assertThat(invite.get(t.columnNames().indexOf("occurred_at"))).isEqualTo(Instant.parse("2024-03-01T09:05:00Z"));
    // No product property, no entry for its name, no default: a reject naming the event.
    assertThat(usage.rejects()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.BAD_ENUM);
      assertThat(r.line()).isEqualTo(4);
      assertThat(r.detail()).contains("'$pageview'");
    });
  }
}

package dev.portguard.samples.kubernetes;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/metrics.md promises the exact Prometheus series for each Micrometer meter. This registers every documented
 * meter, with its type, base unit, tags and the identity tags, in Micrometer's own Prometheus registry (what a
 * Spring Boot application serves on /actuator/prometheus) and checks the series and labels it renders are the
 * documented ones, so the names the rules and the dashboard query are the names an application exports.
 */
class MetricNamesTest {
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    private final MetricsDoc doc = MetricsDoc.read();

    @Test
    void theDocumentListsTheWholeModel() {
        assertThat(doc.meters).extracting(MetricsDoc.Meter::name).contains(
                "portguard.requests", "portguard.connections.opened", "portguard.connections.reused",
                "portguard.connect.failures", "portguard.connect.timeouts", "portguard.connection.close",
                "portguard.site.requests", "portguard.site.connections.opened", "portguard.site.clients",
                "http.client.open_connections", "portguard.ports.range", "portguard.ports.usable",
                "portguard.ports.held", "portguard.ports.headroom", "portguard.ports.time.wait",
                "portguard.ports.exhaustion.forecast", "portguard.conntrack.entries", "portguard.conntrack.limit",
                "portguard.conntrack.insert.failed", "portguard.findings", "portguard.finding.info");
        assertThat(doc.identity).extracting(MetricsDoc.Identity::env)
                .containsExactly("NODE_NAME", "POD_NAME", "POD_NAMESPACE", "POD_IP");
        assertThat(doc.meters).extracting(MetricsDoc.Meter::series).doesNotHaveDuplicates();
    }

    @Test
    void everyDocumentedMeterRendersAsItsDocumentedSeries() {
        for (MetricsDoc.Meter meter : doc.meters) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            List<Tag> identity = new ArrayList<>();
            doc.identity.forEach(i -> identity.add(Tag.of(i.tag(), "v")));
            registry.config().commonTags(identity);
            List<Tag> tags = new ArrayList<>();
            meter.tags().forEach(t -> tags.add(Tag.of(t, "v")));
            String unit = meter.unit().isEmpty() ? null : meter.unit();
            if (meter.type().equals("counter")) {
                FunctionCounter.builder(meter.name(), this, x -> 3).baseUnit(unit).tags(Tags.of(tags)).register(registry);
            } else {
                Gauge.builder(meter.name(), () -> 3).baseUnit(unit).tags(Tags.of(tags)).register(registry);
            }

            String sample = registry.scrape().lines().filter(l -> !l.startsWith("#")).findFirst().orElse("");
            assertThat(sample).as("%s", meter.name()).startsWith(meter.series() + "{");
            Set<String> expected = new LinkedHashSet<>();
            meter.tags().forEach(t -> expected.add(t.replace('.', '_')));
            doc.identity.forEach(i -> expected.add(i.label()));
            assertThat(labels(sample)).as("labels of %s", meter.series()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void theIdentityLabelsAreTheirTagsAsPrometheusNamesThem() {
        for (MetricsDoc.Identity i : doc.identity) {
            assertThat(i.label()).isEqualTo(i.tag().replace('.', '_'));
        }
    }

    private static Set<String> labels(String sample) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = LABEL.matcher(sample);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }
}

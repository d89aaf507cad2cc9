package dev.portguard.it.httpclient5;

import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.testing.LoopbackHttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The user's pool stays theirs to size and watch once guarded, as Micrometer and Apache's own tools expect. */
class PoolControlTest {

    @Test
    @SuppressWarnings({"unchecked", "deprecation"})
    void aGuardedPoolStillReportsItsStatsToMicrometer() throws Exception {
        PortGuard guard = Guards.quiet();
        PoolingHttpClientConnectionManager own = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(7).setMaxConnTotal(30).build();
        HttpClientBuilder builder = HttpClient5Guard.instrument(HttpClients.custom().setConnectionManager(own), guard);
        HttpClientConnectionManager guarded = builder.getConnManager();

        assertThat(guarded).isNotSameAs(own).isInstanceOf(ConnPoolControl.class);
        assertThat(HttpClient5Guard.unwrap(guarded)).isSameAs(own);
        ConnPoolControl<HttpRoute> control = (ConnPoolControl<HttpRoute>) guarded;
        assertThat(control.getDefaultMaxPerRoute()).isEqualTo(7);
        assertThat(control.getMaxTotal()).isEqualTo(30);
        assertThat(guard.snapshot().pools()).singleElement().satisfies(p -> assertThat(p.maxIdle()).isEqualTo(7));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new io.micrometer.core.instrument.binder.httpcomponents.hc5.PoolingHttpClientConnectionManagerMetricsBinder(
                control, "orders").bindTo(registry);

        try (LoopbackHttpServer server = new LoopbackHttpServer(); CloseableHttpClient client = builder.build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            assertThat(control.getTotalStats().getAvailable()).isEqualTo(1);
            assertThat(control.getTotalStats().getLeased()).isZero();
            assertThat(own.getTotalStats().getAvailable()).isEqualTo(1);
            assertThat(registry.get("httpcomponents.httpclient.pool.total.connections")
                    .tag("httpclient", "orders").tag("state", "available").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("httpcomponents.httpclient.pool.total.max")
                    .tag("httpclient", "orders").gauge().value()).isEqualTo(30.0);

            control.setMaxTotal(40); // sizing through the guarded manager sizes the user's pool
            assertThat(own.getMaxTotal()).isEqualTo(40);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGuardedAsyncPoolStillReportsItsStats() throws Exception {
        PortGuard guard = Guards.quiet();
        HttpAsyncClientBuilder builder = HttpClient5Guard.instrument(HttpAsyncClients.custom(), guard);
        assertThat(builder.getConnManager()).isInstanceOf(ConnPoolControl.class);
        ConnPoolControl<HttpRoute> control = (ConnPoolControl<HttpRoute>) builder.getConnManager();

        try (LoopbackHttpServer server = new LoopbackHttpServer(); CloseableHttpAsyncClient client = builder.build()) {
            client.start();
            for (int i = 0; i < 5; i++) {
                assertThat(Calls.get(client, server.url())).isEqualTo(200);
            }
            Guards.awaitIdle(guard);
            assertThat(control.getTotalStats().getLeased()).isZero();
            // An async client gives its connection back on its I/O thread after the caller has the answer, so under
            // load the next call may find it still leased and open another: up to the per-route limit (5).
            assertThat(control.getTotalStats().getAvailable()).isBetween(1, control.getDefaultMaxPerRoute());
            assertThat(control.getRoutes()).hasSize(1);
        }
    }

    @Test
    void guardingTwiceCountsOnce() {
        PortGuard guard = Guards.quiet();
        HttpClientConnectionManager once = HttpClient5Guard.guard(PoolingHttpClientConnectionManagerBuilder.create()
                .build(), guard);
        assertThat(HttpClient5Guard.guard(once, guard)).isSameAs(once);
        assertThat(guard.snapshot().pools()).hasSize(1);
    }
}

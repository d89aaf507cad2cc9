package dev.portguard.spring;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PortGuard;
import dev.portguard.core.micrometer.PortGuardMetrics;
import dev.portguard.testing.LoopbackHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pieces the auto-configuration adds, with and without the libraries each needs. */
class PortGuardAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PortGuardAutoConfiguration.class,
                    HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class));
    private final ApplicationContextRunner reactiveRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PortGuardAutoConfiguration.class,
                    HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class));

    @Test
    void theRequestFactorySpringBuildsIsGuarded() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            runner.run(context -> {
                PortGuard guard = context.getBean(PortGuard.class);
                ClientHttpRequestFactory factory = context.getBean(ClientHttpRequestFactory.class);
                for (int i = 0; i < 3; i++) {
                    try (ClientHttpResponse response =
                                 factory.createRequest(URI.create(server.url()), HttpMethod.GET).execute()) {
                        response.getBody().readAllBytes();
                    }
                }
                assertThat(guard.destinationCounts(server.destination())).hasValueSatisfying(counts -> {
                    assertThat(counts.requests()).isEqualTo(3);
                    assertThat(counts.connectionsOpened()).isEqualTo(1).isEqualTo(server.connections());
                });
                assertThat(context).hasSingleBean(PortGuardMetrics.class).hasSingleBean(GuardedHttpClients.class);
            });
        }
    }

    @Test
    void withoutHttpClient5NoClientIsWrapped() {
        runner.withClassLoader(new FilteredClassLoader("org.apache.hc."))
                .run(context -> assertThat(context).hasSingleBean(PortGuard.class)
                        .doesNotHaveBean(GuardedHttpClients.class));
    }

    @Test
    void theReactorNettyConnectorSpringBuildsIsGuarded() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            reactiveRunner.run(context -> {
                PortGuard guard = context.getBean(PortGuard.class);
                WebClient client = WebClient.builder().clientConnector(context.getBean(ClientHttpConnector.class))
                        .build();
                for (int i = 0; i < 3; i++) {
                    assertThat(client.get().uri(server.url()).retrieve().bodyToMono(String.class)
                            .block(Duration.ofSeconds(20))).isEqualTo("ok");
                }
                assertThat(guard.destinationCounts(server.destination())).hasValueSatisfying(counts -> {
                    assertThat(counts.requests()).isEqualTo(3);
                    assertThat(counts.connectionsOpened()).isEqualTo(server.connections()).isBetween(1L, 3L);
                });
                assertThat(context).hasSingleBean(GuardedReactorClients.class);
            });
        }
    }

    @Test
    void withoutReactorNettyNoReactiveClientIsWrapped() {
        reactiveRunner.withClassLoader(new FilteredClassLoader("reactor.netty."))
                .run(context -> assertThat(context).hasSingleBean(PortGuard.class)
                        .doesNotHaveBean(GuardedReactorClients.class));
    }

    @Test
    void withoutMicrometerNoBinder() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(PortGuard.class)
                        .doesNotHaveBean(PortGuardMetrics.class));
    }

    @Test
    void theApplicationsOwnGuardIsUsed() {
        PortGuard own = PortGuard.create(GuardConfig.builder().mode(GuardMode.STRICT).build());
        runner.withBean(PortGuard.class, () -> own)
                .run(context -> assertThat(context.getBean(PortGuard.class)).isSameAs(own));
    }

    @Test
    void propertiesReachTheGuard() {
        runner.withPropertyValues("portguard.min-requests=50", "portguard.new-client-window=5m",
                        "portguard.headroom-probe=off")
                .run(context -> {
                    GuardConfig config = context.getBean(PortGuard.class).config();
                    assertThat(config.minRequests()).isEqualTo(50);
                    assertThat(config.newClientWindow()).hasMinutes(5);
                    assertThat(config.headroomProbe()).isFalse();
                });
    }
}

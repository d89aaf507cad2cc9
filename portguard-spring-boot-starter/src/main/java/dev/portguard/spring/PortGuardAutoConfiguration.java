package dev.portguard.spring;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardConfigException;
import dev.portguard.core.PortGuard;
import dev.portguard.core.micrometer.PortGuardMetrics;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.reactor.ReactorNettyGuard;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PortGuard in a Spring Boot application: the guard configured from {@code portguard.*} properties, its meters in
 * the application's Micrometer registry, {@code /actuator/portguard}, and the HTTP clients Spring builds guarded.
 * Each piece is configured only when the application brings what it needs.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
        "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration"})
@EnableConfigurationProperties(PortGuardProperties.class)
public class PortGuardAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(PortGuardAutoConfiguration.class);

    /**
     * The application's guard, also made the process-wide one ({@link PortGuard#global()}) so that clients the
     * application instruments by hand count in the same place. Spring properties win over {@code portguard.*}
     * system properties, which win over {@code PORTGUARD_*} environment variables; a bad value is one line and
     * that setting's default.
     */
    @Bean
    @ConditionalOnMissingBean
    public PortGuard portGuard(PortGuardProperties properties) {
        GuardConfig.Builder config = GuardConfig.builder()
                .fromLenient(GuardConfig.environmentSettings(System.getenv(), System.getProperties()), LOG::warn);
        properties.toSettings().forEach((key, value) -> {
            try {
                config.set(key, value);
            } catch (GuardConfigException e) {
                // Name the property as the application wrote it (portguard.min-requests), not the guard's key.
                String property = GuardConfig.PROPERTY_PREFIX + key.replace('.', '-');
                LOG.warn(e.getMessage().replace(e.key(), property) + "; using the default");
            }
        });
        PortGuard guard = PortGuard.create(config.build());
        PortGuard.installGlobal(guard);
        return guard;
    }

    /** The guard's meters (docs/metrics.md); Spring Boot binds every {@code MeterBinder} bean to its registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        PortGuardMetrics portGuardMetrics(PortGuard guard) {
            return new PortGuardMetrics(guard); // AutoCloseable: Spring closes it, removing its meters, at shutdown
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    static class Actuator {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        PortGuardEndpoint portGuardEndpoint(PortGuard guard) {
            return new PortGuardEndpoint(guard);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ClientHttpRequestFactoryBuilderCustomizer.class,
            HttpComponentsClientHttpRequestFactoryBuilder.class, HttpClientBuilder.class, HttpClient5Guard.class})
    static class HttpClient5 {
        @Bean
        @ConditionalOnMissingBean
        GuardedHttpClients portGuardHttpClients(PortGuard guard) {
            return new GuardedHttpClients(guard);
        }
    }

    /** WebClient's Reactor Netty clients; an application without Reactor Netty never loads this. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ClientHttpConnectorBuilderCustomizer.class, ReactorClientHttpConnectorBuilder.class,
            reactor.netty.http.client.HttpClient.class, ReactorNettyGuard.class})
    static class ReactorNetty {
        @Bean
        @ConditionalOnMissingBean
        GuardedReactorClients portGuardReactorClients(PortGuard guard) {
            return new GuardedReactorClients(guard);
        }
    }

    /** RestTemplate's and RestClient's Reactor Netty clients, where Reactor Netty is the imperative factory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ClientHttpRequestFactoryBuilderCustomizer.class, ReactorClientHttpRequestFactoryBuilder.class,
            reactor.netty.http.client.HttpClient.class, ReactorNettyGuard.class})
    static class ReactorNettyRequestFactories {
        @Bean
        @ConditionalOnMissingBean
        GuardedReactorRequestFactories portGuardReactorRequestFactories(PortGuard guard) {
            return new GuardedReactorRequestFactories(guard);
        }
    }
}

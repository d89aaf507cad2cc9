package dev.portguard.it.reactor;

import io.netty.channel.ServerChannel;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Reactor Netty server on loopback that speaks HTTP/1.1 and HTTP/2 without TLS (prior knowledge), or with TLS
 * (ALPN, a self-signed certificate {@code keytool} made for the run) HTTP/2 and HTTP/1.1, and counts
 * what it saw: requests answered, TCP connections accepted (not HTTP/2 streams), and the most requests in flight
 * at once. Each answer is "ok", after an optional delay that keeps concurrent requests in flight together.
 */
public final class ReactorLoopbackServer implements AutoCloseable {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final DisposableServer server;
    private final boolean tls;

    public ReactorLoopbackServer() {
        this(Duration.ZERO);
    }

    public ReactorLoopbackServer(Duration delay) {
        this(delay, false);
    }

    public ReactorLoopbackServer(Duration delay, boolean tls) {
        this.tls = tls;
        HttpServer base = HttpServer.create().host("127.0.0.1").port(0);
        base = tls ? base.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
                .secure(spec -> spec.sslContext(SelfSigned.serverSpec()))
                : base.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C);
        server = base
                .http2Settings(s -> s.maxConcurrentStreams(1000))
                .doOnChannelInit((observer, channel, remote) -> {
                    if (channel.parent() instanceof ServerChannel) {
                        connections.incrementAndGet(); // an accepted connection; streams have it as parent
                    }
                })
                .handle((request, response) -> {
                    requests.incrementAndGet();
                    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Mono<String> body = delay.isZero() ? Mono.just("ok") : Mono.just("ok").delayElement(delay);
                    return response.sendString(body.doFinally(s -> inFlight.decrementAndGet()));
                })
                .bindNow();
    }

    /** A URL on this server, with a path and query to prove they never reach a report. */
    public String url() {
        return (tls ? "https://" : "http://") + destination() + "/orders?token=secret";
    }

    /** {@code 127.0.0.1:port}, as the guard names this server. */
    public String destination() {
        return "127.0.0.1:" + server.port();
    }

    public long requests() {
        return requests.get();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}

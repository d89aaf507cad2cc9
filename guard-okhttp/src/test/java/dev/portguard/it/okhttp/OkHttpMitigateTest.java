package dev.portguard.it.okhttp;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.MitigateScope;
import dev.portguard.core.PoolSiteCounts;
import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import dev.portguard.testing.LoopbackHttpServer;
import dev.portguard.testing.LoopbackProxy;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mitigate mode with guard-okhttp: clients built per request from one site share the site's connection pool, and
 * nothing the application can observe changes. Truth comes from the server (connections it accepted) and from
 * OkHttp itself (the connection and route each request ran on).
 */
class OkHttpMitigateTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();

    OkHttpMitigateTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static PortGuard guard(GuardMode mode, MitigateScope scope) {
        return PortGuard.create(GuardConfig.builder().mode(mode).mitigate(scope).mitigateAfter(2).minRequests(10)
                .newClientThreshold(5).headroomProbe(false).build());
    }

    /** The one site under test: a client built for each call. */
    private static String fetchWithNewClient(PortGuard guard, String url) throws IOException {
        OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()
                .readTimeout(7, TimeUnit.SECONDS)).build();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    private static PoolSiteCounts site(PortGuard guard) {
        return guard.snapshot().poolSites().stream().filter(s -> s.site().contains("fetchWithNewClient"))
                .findFirst().orElseThrow();
    }

    @Test
    void clientsBuiltPerRequestShareConnectionsOnceTheSiteIsFound() throws IOException {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.FOUND);
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            responses.add(fetchWithNewClient(guard, server.url()));
        }

        assertThat(responses).containsOnly("200 ok");
        assertThat(server.requests()).isEqualTo(300);
        // before the finding each client opened its own; after it, they reuse the shared pool's one connection
        assertThat(server.connections()).isLessThanOrEqualTo(30);
        assertThat(guard.snapshot().findings(FindingType.NEW_CLIENT_PER_REQUEST)).singleElement()
                .satisfies(f -> assertThat(f.site()).contains("OkHttpMitigateTest.fetchWithNewClient("));
        PoolSiteCounts site = site(guard);
        assertThat(site.mitigated()).isTrue();
        assertThat(site.created()).isEqualTo(300); // the code still builds a client per request, and we say so
        assertThat(site.mitigation().clientsShared()).isEqualTo(300 - site.mitigation().requestsBefore());
        assertThat(site.mitigation().sharedPoolSize()).isGreaterThanOrEqualTo(5);
        assertThat(site.mitigation().requestsBefore() + site.mitigation().requestsAfter()).isEqualTo(300);
        assertThat(site.mitigation().connectionsOpenedBefore()).isEqualTo(site.mitigation().requestsBefore());
        assertThat(site.mitigation().connectionsOpenedAfter()).isLessThanOrEqualTo(1);
        assertThat(site.mitigation().connectionsSaved()).isGreaterThan(250);
        assertThat(guard.snapshot().toJson()).contains("\"mitigated\":true").contains("\"connectionsSaved\"");
        assertThat(guard.meters().current()).filteredOn(m -> m.name().equals("portguard.site.connections.saved"))
                .singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(site.mitigation().connectionsSaved()));
        assertThat(guard.meters().current()).filteredOn(m -> m.name().equals("portguard.site.mitigated"))
                .singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(1.0));
    }

    @Test
    void aHundredThousandClientsFromOneSiteKeepThreadsAndMemoryBounded() throws IOException {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.ALL);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        int threadsBefore = Thread.activeCount();
        ConnectionPool shared = null;
        for (int i = 0; i < 100_000; i++) {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
            if (i == 10) {
                shared = client.connectionPool();
            } else if (i > 10) {
                assertThat(client.connectionPool()).isSameAs(shared);
            }
            if (i % 10_000 == 0) {
                try (Response r = client.newCall(new Request.Builder().url(server.url()).build()).execute()) {
                    assertThat(r.body().string()).isEqualTo("ok");
                }
            }
        }
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);
        assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L << 20);
        assertThat(server.connections()).isLessThanOrEqualTo(3); // the first clients' own, then the shared one
        assertThat(site(guard, "aHundredThousandClients").mitigation().clientsShared()).isEqualTo(100_000 - 2);
    }

    @Test
    void observeModeLeavesEveryClientItsOwnPool() throws IOException {
        PortGuard guard = guard(GuardMode.OBSERVE, MitigateScope.ALL);
        for (int i = 0; i < 100; i++) {
            fetchWithNewClient(guard, server.url());
        }
        assertThat(server.connections()).isEqualTo(100);
        assertThat(site(guard).mitigation()).isNull();
        assertThat(guard.snapshot().toJson()).doesNotContain("mitigated");
    }

    @Test
    void aSharedClientIsLeftAsTheCodeBuiltIt() throws IOException {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.FOUND);
        ConnectionPool mine = new ConnectionPool(3, 1, TimeUnit.MINUTES);
        OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder().connectionPool(mine)).build();
        for (int i = 0; i < 100; i++) {
            try (Response r = client.newCall(new Request.Builder().url(server.url()).build()).execute()) {
                r.body().string();
            }
        }
        assertThat(client.connectionPool()).isSameAs(mine);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(guard.snapshot().findings()).isEmpty();
        assertThat(guard.snapshot().poolSites()).allSatisfy(s -> assertThat(s.mitigation()).isNull());
    }

    @Test
    void theClientsOwnSettingsAreUntouched() {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.ALL);
        Interceptor mine = chain -> chain.proceed(chain.request());
        List<OkHttpClient> built = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            built.add(OkHttpGuard.using(guard).guard(new OkHttpClient.Builder().readTimeout(7, TimeUnit.SECONDS)
                    .callTimeout(9, TimeUnit.SECONDS).followRedirects(false).addInterceptor(mine)).build());
        }
        OkHttpClient first = built.get(0);
        OkHttpClient last = built.get(4);
        assertThat(last.connectionPool()).isNotSameAs(first.connectionPool()); // the first clients are the code's
        assertThat(last.connectionPool()).isSameAs(built.get(3).connectionPool());
        assertThat(last.readTimeoutMillis()).isEqualTo(7000);
        assertThat(last.callTimeoutMillis()).isEqualTo(9000);
        assertThat(last.followRedirects()).isFalse();
        assertThat(last.interceptors()).containsExactly(mine);
        assertThat(last.dispatcher()).isNotSameAs(built.get(3).dispatcher()); // each keeps its own limits
        // one default TLS for the site, so HTTPS connections can be shared too; the trust is the platform's own
        assertThat(last.sslSocketFactory()).isSameAs(built.get(3).sslSocketFactory());
        assertThat(last.x509TrustManager().getAcceptedIssuers()).hasSameSizeAs(
                first.x509TrustManager().getAcceptedIssuers());
    }

    @Test
    void clientsWithDifferentProxiesFromOneSiteNeverShareAConnection() throws Exception {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.ALL);
        try (LoopbackProxy proxy = new LoopbackProxy()) {
            Proxy viaProxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    proxy.port()));
            Set<Connection> direct = identitySet();
            Set<Connection> proxied = identitySet();
            List<String> responses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                boolean useProxy = i % 2 == 1;
                responses.add(fetchThrough(guard, useProxy ? viaProxy : Proxy.NO_PROXY, useProxy ? proxied : direct));
            }
            assertThat(responses).containsOnly("200 ok");
            assertThat(site(guard, "fetchThrough").mitigated()).isTrue();
            assertThat(Collections.disjoint(direct, proxied)).isTrue();
            assertThat(direct).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            assertThat(proxied).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            assertThat(proxy.connections()).isEqualTo(proxied.size());
        }
    }

    private String fetchThrough(PortGuard guard, Proxy proxy, Set<Connection> seen) throws IOException {
        OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder().proxy(proxy)
                .addNetworkInterceptor(chain -> {
                    Connection c = chain.connection();
                    assertThat(c.route().proxy()).isEqualTo(proxy); // each request runs on its own client's route
                    seen.add(c);
                    return chain.proceed(chain.request());
                })).build();
        try (Response response = client.newCall(new Request.Builder().url(server.url()).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    @Test
    void clientsWithDifferentTlsFromOneSiteNeverShareAConnection(@TempDir Path dir) throws Exception {
        SSLContext serverTls = selfSignedServer(dir);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        try {
            PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.ALL);
            String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
            Tls tlsA = clientTls(dir);
            Tls tlsB = clientTls(dir);
            Set<Connection> usedByA = identitySet();
            Set<Connection> usedByB = identitySet();
            List<String> responses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean b = i % 2 == 1;
                responses.add(fetchSecurely(guard, url, b ? tlsB : tlsA, b ? usedByB : usedByA));
            }
            assertThat(responses).containsOnly("200 secure");
            assertThat(site(guard, "fetchSecurely").mitigated()).isTrue();
            assertThat(Collections.disjoint(usedByA, usedByB)).isTrue();
            // clients with the same TLS settings do share: a handful of connections for 20 clients each
            assertThat(usedByA).hasSizeLessThanOrEqualTo(3);
            assertThat(usedByB).hasSizeLessThanOrEqualTo(3);
        } finally {
            https.stop(0);
        }
    }

    private static String fetchSecurely(PortGuard guard, String url, Tls tls, Set<Connection> seen)
            throws Exception {
        OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()
                .sslSocketFactory(tls.factory(), tls.trust())
                .addNetworkInterceptor(chain -> {
                    seen.add(chain.connection());
                    return chain.proceed(chain.request());
                })).build();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    @Test
    void asyncCallsRunOnSharedThreadsAndAClientClosedAfterUseLeavesTheOthersWorking() throws Exception {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.ALL);
        int threadsBefore = dispatcherThreads();
        int calls = 200;
        CountDownLatch done = new CountDownLatch(calls);
        AtomicInteger ok = new AtomicInteger();
        for (int i = 0; i < calls; i++) {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
            CountDownLatch thisOne = new CountDownLatch(1);
            client.newCall(new Request.Builder().url(server.url()).build()).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    thisOne.countDown();
                    done.countDown();
                }

                @Override
                public void onResponse(Call call, Response response) throws IOException {
                    try (response) {
                        if (response.body().string().equals("ok")) {
                            ok.incrementAndGet();
                        }
                    }
                    thisOne.countDown();
                    done.countDown();
                }
            });
            if (i % 2 == 0) {
                thisOne.await(5, TimeUnit.SECONDS); // half the program waits, the other half piles up
            }
            // how many programs close a client: its executor and its pool
            client.dispatcher().executorService().shutdown();
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.get()).isEqualTo(calls);
        // the first clients start their own dispatcher threads; the rest share a pool bounded by calls in flight
        assertThat(dispatcherThreads() - threadsBefore).isLessThan(calls / 4);
        OkHttpClient closed = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
        closed.dispatcher().executorService().shutdown();
        CountDownLatch rejected = new CountDownLatch(1);
        closed.newCall(new Request.Builder().url(server.url()).build()).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                rejected.countDown(); // as OkHttp does for a client whose executor was shut down
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
            }
        });
        assertThat(rejected.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fetchWithNewClient(guard, server.url())).isEqualTo("200 ok"); // the shared threads live on
    }

    @Test
    void aSiteWhoseCodeAskedForNoIdleConnectionsIsLeftAloneAndTheReportSaysSo() throws IOException {
        PortGuard guard = guard(GuardMode.MITIGATE, MitigateScope.ALL);
        for (int i = 0; i < 20; i++) {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))).build();
            try (Response r = client.newCall(new Request.Builder().url(server.url()).build()).execute()) {
                r.body().string();
            }
        }
        assertThat(server.connections()).isEqualTo(20);
        PoolSiteCounts site = guard.snapshot().poolSites().get(0);
        assertThat(site.mitigated()).isFalse();
        assertThat(site.mitigation().reason()).contains("keeps no idle connections");
        assertThat(guard.snapshot().toJson()).contains("\"mitigated\":false").contains("notMitigatedBecause");
    }

    private static PoolSiteCounts site(PortGuard guard, String method) {
        return guard.snapshot().poolSites().stream().filter(s -> s.site().contains(method)).findFirst()
                .orElseThrow();
    }

    private static int dispatcherThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("OkHttp") && t.getName().contains("Dispatcher")).count();
    }

    private static Set<Connection> identitySet() {
        return Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private static SSLContext selfSignedServer(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "secret", "-keypass", "secret")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A client context trusting the test certificate: each call makes a new one, as a client with its own TLS. */
    private static Tls clientTls(Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "secret".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        // one factory for all of a program's clients: SSLContext.getSocketFactory() makes a new one per call, and
        // OkHttp (rightly) never shares connections between different factories
        return new Tls(ctx.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0]);
    }

    /** A client's own TLS: a context and the trust manager it was made with. */
    private record Tls(SSLSocketFactory factory, X509TrustManager trust) {
    }
}

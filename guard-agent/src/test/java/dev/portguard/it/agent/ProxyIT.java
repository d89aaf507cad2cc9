package dev.portguard.it.agent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.portguard.testing.LoopbackHttpServer;
import dev.portguard.testing.LoopbackProxy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through an HTTP proxy, one rule for every client: the finding and the counts belong to the target the code asked
 * for, and that target's headroom counts the local ports spent toward the proxy. Plain HTTP (absolute-form requests)
 * and HTTPS (a CONNECT tunnel to a TLS server on loopback).
 */
class ProxyIT {
    private static final String CLIENTS = AgentRun.classPath("okhttp-jvm-", "okio", "kotlin-stdlib", "httpclient5-",
            "httpcore5-", "slf4j-api");
    private static final char[] PASSWORD = "portguard".toCharArray();

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"jdk, http", "okhttp, http", "hc5, http", "jdk, https", "okhttp, https", "hc5, https"})
    void aClientPerCallThroughAProxyIsFlaggedAtItsTargetAndItsPortsAreCountedTowardTheProxy(String client,
                                                                                             String scheme,
                                                                                             @TempDir Path dir)
            throws Exception {
        try (Target server = scheme.equals("https") ? new TlsTarget(dir) : new PlainTarget();
             LoopbackProxy proxy = new LoopbackProxy()) {
            List<String> jvm = new ArrayList<>(List.of("-cp", CLIENTS));
            if (server instanceof TlsTarget tls) {
                jvm.add("-Djavax.net.ssl.trustStore=" + tls.keyStore);
                jvm.add("-Djavax.net.ssl.trustStorePassword=" + new String(PASSWORD));
            }
            AgentRun run = AgentRun.run(AgentRun.JDK17, "", jvm,
                    List.of("demoapp.ProxyApp", client, server.url(), "50", Integer.toString(proxy.port())), dir);

            assertThat(run.exitCode).as(run.output).isZero();
            assertThat(server.requests()).isEqualTo(50);
            assertThat(proxy.connections()).isEqualTo(50);

            JsonObject target = run.destination(server.destination());
            assertThat(target.get("requests").getAsLong()).as(run.output).isEqualTo(50);
            assertThat(target.get("connectionsOpened").getAsLong()).as("opened toward the target, " + run.output)
                    .isEqualTo(50);
            assertThat(run.findings()).as(run.output).isNotEmpty();
            JsonObject f = run.findings().get(0);
            assertThat(f.get("type").getAsString()).isEqualTo("NEW_CLIENT_PER_REQUEST");
            assertThat(f.get("destination").getAsString()).isEqualTo(server.destination());
            assertThat(f.get("site").getAsString()).startsWith("demoapp.ProxyApp.main(");

            JsonObject headroom = null;
            for (JsonElement e : run.report.getAsJsonObject("headroom").getAsJsonArray("destinations")) {
                if (e.getAsJsonObject().get("destination").getAsString().equals(server.destination())) {
                    headroom = e.getAsJsonObject();
                }
            }
            assertThat(headroom).as(run.report.toString()).isNotNull();
            assertThat(headroom.get("addresses").getAsString()).as("the address connected to is the proxy's")
                    .isEqualTo("127.0.0.1");
            // The JDK client and OkHttp keep their connections to the proxy idle in their pools at exit: the ports
            // are held. HttpClient 5 closes each with its client: the port stays held in TIME_WAIT where the client
            // closed first (the proxy's side closes some first, TLS ones more often), so fewer but still many.
            assertThat(headroom.get("portsHeld").getAsLong()).as(headroom.toString())
                    .isGreaterThan(client.equals("hc5") ? 10 : 25);
        }
    }

    /** The server the code asks for. */
    private interface Target extends AutoCloseable {
        String url();

        String destination();

        long requests();

        @Override
        void close();
    }

    private static final class PlainTarget implements Target {
        private final LoopbackHttpServer server;

        PlainTarget() throws Exception {
            server = new LoopbackHttpServer();
        }

        @Override
        public String url() {
            return server.url();
        }

        @Override
        public String destination() {
            return server.destination();
        }

        @Override
        public long requests() {
            return server.requests();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A TLS server on loopback with a certificate made for the test by keytool, which the app trusts. */
    private static final class TlsTarget implements Target {
        final Path keyStore;
        private final HttpsServer server;
        private final AtomicInteger requests = new AtomicInteger();

        TlsTarget(Path dir) throws Exception {
            keyStore = dir.resolve("loopback.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor()).as(out).isZero();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.setExecutor(Executors.newFixedThreadPool(8));
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(body);
                }
            });
            server.start();
        }

        @Override
        public String url() {
            return "https://127.0.0.1:" + server.getAddress().getPort() + "/proxied";
        }

        @Override
        public String destination() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public long requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

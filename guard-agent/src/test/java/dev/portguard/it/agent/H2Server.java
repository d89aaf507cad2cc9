package dev.portguard.it.agent;

import dev.portguard.testing.CountingServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/2 server that counts what it saw: h2 over TLS (ALPN offering h2 and http/1.1, with a self-signed
 * certificate for 127.0.0.1 made by the JDK's keytool) or h2c with prior knowledge. Its connections are the
 * sockets it accepted, counted at its server socket, so a connection a client opened and dropped unused counts too.
 */
final class H2Server implements AutoCloseable {
    static final String STORE_PASSWORD = "portguard";

    private final MockWebServer server = new MockWebServer();
    private final AtomicLong accepted = new AtomicLong();
    private final boolean tls;
    /** How long each answer takes, so that streams sent together are in flight together. */
    private java.time.Duration answerAfter = java.time.Duration.ZERO;

    private H2Server(boolean tls) {
        this.tls = tls;
    }

    /** h2 over TLS with the key pair in {@code keyStore} (see {@link #keyStore}). */
    static H2Server tls(Path keyStore) throws Exception {
        H2Server s = new H2Server(true);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        s.server.useHttps(context.getSocketFactory());
        s.server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        s.start();
        return s;
    }

    /** h2c: HTTP/2 over cleartext, with prior knowledge (no upgrade). */
    static H2Server cleartext() throws IOException {
        return cleartext(java.time.Duration.ZERO);
    }

    /** h2c, answering each request after {@code answerAfter}, as a server with some latency does. */
    static H2Server cleartext(java.time.Duration answerAfter) throws IOException {
        H2Server s = new H2Server(false);
        s.answerAfter = answerAfter;
        s.server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        s.start();
        return s;
    }

    /**
     * A PKCS12 key store holding a self-signed certificate for 127.0.0.1, made by {@code keytool}: it is both the
     * server's key store and the clients' trust store.
     */
    static Path keyStore(Path dir) throws Exception {
        Path store = dir.resolve("loopback.p12");
        Process p = new ProcessBuilder(AgentRun.JDK17.resolve("bin/keytool").toString(), "-genkeypair",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
                "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.txt")));
        }
        return store;
    }

    /** The system properties that make {@code store} a client JVM's default trust store. */
    static List<String> trusting(Path store) {
        return List.of("-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD);
    }

    private void start() throws IOException {
        server.setServerSocketFactory(new CountingServerSocketFactory(accepted));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().headersDelay(answerAfter.toMillis(), TimeUnit.MILLISECONDS)
                        .body("ok").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getPort() + "/h2?token=secret";
    }

    String destination() {
        return "127.0.0.1:" + server.getPort();
    }

    long requests() {
        return server.getRequestCount();
    }

    long connections() {
        return accepted.get();
    }

    @Override
    public void close() {
        server.close();
    }
}

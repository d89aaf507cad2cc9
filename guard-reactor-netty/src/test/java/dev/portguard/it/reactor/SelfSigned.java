package dev.portguard.it.reactor;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.netty.http.Http2SslContextSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made once per JVM by the JDK's own {@code keytool}, and the TLS
 * contexts of a loopback HTTP/2 server and of a client that trusts any certificate (test traffic only).
 */
public final class SelfSigned {
    private static final char[] PASSWORD = "portguard".toCharArray();
    private static KeyStore keyStore;

    private SelfSigned() {
    }

    static synchronized KeyStore keyStore() {
        if (keyStore == null) {
            try {
                Path dir = Files.createTempDirectory("portguard-tls");
                Path file = dir.resolve("server.p12");
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", file.toString(),
                        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("keytool failed: " + out);
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, PASSWORD);
                }
                keyStore = ks;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keyStore;
    }

    static Http2SslContextSpec serverSpec() {
        try {
            KeyStore ks = keyStore();
            return Http2SslContextSpec.forServer((PrivateKey) ks.getKey("server", PASSWORD),
                    (X509Certificate) ks.getCertificate("server"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's HTTP/2 TLS context that trusts the loopback server's certificate (any, in fact). */
    public static Http2SslContextSpec clientSpec() {
        return Http2SslContextSpec.forClient().configure(b -> b.trustManager(InsecureTrustManagerFactory.INSTANCE));
    }
}

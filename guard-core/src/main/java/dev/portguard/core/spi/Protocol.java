package dev.portguard.core.spi;

/**
 * The application protocol a connection speaks, by its ALPN name. It says what a destination's connection counts
 * mean: over HTTP/1.1 a connection carries one request at a time, over HTTP/2 many at once.
 */
public enum Protocol {
    /** HTTP/1.1 (or 1.0), with or without TLS. */
    HTTP_1_1("http/1.1"),
    /** HTTP/2 over TLS. */
    H2("h2"),
    /** HTTP/2 over cleartext TCP (prior knowledge, as gRPC without TLS). */
    H2C("h2c");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    /** The ALPN identifier: {@code http/1.1}, {@code h2}, {@code h2c}. */
    public String id() {
        return id;
    }
}

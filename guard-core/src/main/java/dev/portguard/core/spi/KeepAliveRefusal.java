package dev.portguard.core.spi;

/** Which message of an exchange asked for the connection to be closed after it. */
public enum KeepAliveRefusal {
    /** The request carried {@code Connection: close}: the client's own code turned keep-alive off. */
    REQUEST,
    /** The response carried {@code Connection: close}: the server (or a proxy) turned keep-alive off. */
    RESPONSE,
    /**
     * The client gave the connection up after the exchange instead of keeping it, for a reason it does not say
     * (for Apache HttpClient seen from its pool: {@code Connection: close} either way, or a reuse strategy that keeps
     * nothing). Reported by integrations that see the pool but not the headers.
     */
    NOT_KEPT
}

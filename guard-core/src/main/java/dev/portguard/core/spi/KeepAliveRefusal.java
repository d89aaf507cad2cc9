package dev.portguard.core.spi;

/** Which message of an exchange asked for the connection to be closed after it. */
public enum KeepAliveRefusal {
    /** The request carried {@code Connection: close}: the client's own code turned keep-alive off. */
    REQUEST,
    /** The response carried {@code Connection: close}: the server (or a proxy) turned keep-alive off. */
    RESPONSE
}

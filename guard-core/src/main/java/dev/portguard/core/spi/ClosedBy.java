package dev.portguard.core.spi;

/**
 * Which side closed a connection. It matters for ports: the side that closes first keeps the TIME_WAIT, and with
 * it the local port, for 60 seconds.
 */
public enum ClosedBy {
    /** The client closed it: pool eviction, a pool that keeps nothing idle, a client thrown away. */
    CLIENT,
    /** The server closed it first, for example after answering {@code Connection: close}. */
    SERVER,
    /** The integration cannot tell. */
    UNKNOWN
}

package dev.portguard.httpclient5.internal;

import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.KeepAliveRefusal;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.Protocol;
import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.util.TimeValue;

/**
 * The guard's events at the two ends of a lease, shared by the classic and the async manager. Every method
 * swallows its own failures: a bug here must never fail the application's request. The one exception is the
 * {@link PoolMisuseException} strict mode throws on purpose.
 */
final class Exchanges {
    private Exchanges() {
    }

    /** A lease was asked for: one request as the pool sees it (each redirect or retry hop leases again). */
    static PoolDestination started(PoolDestination destination) {
        if (destination == null) {
            return null;
        }
        try {
            destination.requestStarted();
        } catch (PoolMisuseException e) {
            throw e;
        } catch (RuntimeException e) {
            // counting failed; the request goes on
        }
        return destination;
    }

    /** {@code lease} is what {@link #released} will be given back: the guard ages it to find leaks. */
    static void acquired(PoolDestination destination, Object lease) {
        try {
            destination.connectionAcquired(lease);
        } catch (RuntimeException e) {
            // counting failed; the request goes on
        }
    }

    static void opened(PoolDestination destination) {
        try {
            destination.connectionOpened();
        } catch (RuntimeException e) {
            // counting failed; the request goes on
        }
    }

    /** The connection speaks {@code protocol}: a read once the destination knows it. */
    static void spoke(PoolDestination destination, Protocol protocol) {
        try {
            destination.protocolUsed(protocol);
        } catch (RuntimeException e) {
            // counting failed; the request goes on
        }
    }

    /**
     * The protocol an async endpoint's connection speaks, learnt when an exchange gives it back: its connect ends
     * before ALPN or the version policy has switched it to HTTP/2. HTTP/2 over TLS is {@code h2}, without {@code h2c}.
     */
    static void spoke(PoolDestination destination, AsyncConnectionEndpoint endpoint) {
        try {
            EndpointInfo info = endpoint == null || !endpoint.isConnected() ? null : endpoint.getInfo();
            ProtocolVersion version = info == null ? null : info.getProtocol();
            if (version != null) {
                destination.protocolUsed(!version.greaterEquals(HttpVersion.HTTP_2) ? Protocol.HTTP_1_1
                        : info.getSslSession() != null ? Protocol.H2 : Protocol.H2C);
            }
        } catch (RuntimeException | LinkageError e) {
            // an HttpClient without endpoint info: the protocol stays unknown
        }
    }

    static void connectFailed(PoolDestination destination, Throwable failure) {
        try {
            destination.connectFailed(failure);
        } catch (RuntimeException e) {
            // counting failed; the failure itself goes on to the application
        }
    }

    /**
     * The lease ended. HttpClient closes a connection it will not reuse before it hands it back (or hands it back
     * with no keep-alive), so {@code keptOpen} tells whether the pool keeps it for the next request. When it does
     * not, the messages of the last exchange say who turned keep-alive off: a {@code Connection: close} on either
     * side, or, when neither asked and a response came, the client's own reuse strategy.
     */
    static void released(PoolDestination destination, Object lease, boolean keptOpen, HttpMessage request,
                         HttpMessage response) {
        try {
            if (!keptOpen) {
                KeepAliveRefusal refusal = ConnectionHeaders.refusal(request, response);
                if (refusal != null) {
                    destination.keepAliveRefused(refusal);
                    destination.connectionClosed(ClosedBy.SERVER);
                } else if (response != null) {
                    // A complete exchange, nobody asked to close, and yet the client dropped the connection.
                    destination.keepAliveRefused(KeepAliveRefusal.REQUEST);
                    destination.connectionClosed(ClosedBy.CLIENT);
                } else {
                    destination.connectionClosed(ClosedBy.UNKNOWN); // a failed exchange: nothing to blame
                }
            }
            destination.connectionReleased(lease);
        } catch (RuntimeException e) {
            // counting failed; the release goes on
        }
    }

    /**
     * Whether the pool keeps a connection handed back with this keep-alive. The pool closes an open connection
     * handed back with none ({@code null}); zero or less means "no expiry" to it, not "close".
     */
    static boolean kept(boolean connected, TimeValue keepAlive) {
        return connected && keepAlive != null;
    }
}

package dev.portguard.agent.internal.clients.jdkhttp;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.PoolDestination;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The closes of {@code java.net.http.HttpClient}'s TCP connections ({@code PlainHttpConnection}, under TLS and
 * HTTP/2 too), each counted once, at its first close: the client closing or being collected, its pool's keep-alive
 * timeout, a response not kept alive, an error, or the server's end of stream, which the client reads at once even
 * from an idle pooled connection and answers by closing it.
 *
 * <p>Who closed first is read from the connection's own socket as it closes: the JDK's channel is non-blocking, so
 * one read answers at once, end of stream (the server closed first), nothing (the client closes first), or bytes
 * still unread (it cannot tell). The bytes of a connection being closed are dropped anyway.
 */
final class JdkCloses {
    /** Connections counted as opened, until their first close. */
    private final WeakIdentityMap<Object, PoolDestination> open = new WeakIdentityMap<>();

    void opened(Object connection, PoolDestination destination) {
        if (connection != null) {
            open.put(connection, destination);
        }
    }

    void closing(Object connection) throws Throwable {
        PoolDestination d = connection == null ? null : open.remove(connection);
        if (d != null) {
            d.connectionClosed(closedBy(CHANNEL.get(connection.getClass()).invoke(connection)));
        }
    }

    /** Who closed first, read from the channel of a connection being closed (see the class comment). */
    static ClosedBy closedBy(Object channel) {
        if (!(channel instanceof SocketChannel c) || c.isBlocking()) {
            return ClosedBy.UNKNOWN;
        }
        try {
            int read = c.read(ByteBuffer.allocate(1));
            return read < 0 ? ClosedBy.SERVER : read == 0 ? ClosedBy.CLIENT : ClosedBy.UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return ClosedBy.UNKNOWN; // closed already, never connected, or reset
        }
    }

    /** {@code PlainHttpConnection.chan}; one giving null when a JDK has no such field. */
    private static final ClassValue<MethodHandle> CHANNEL = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                return lookup.unreflectGetter(type.getDeclaredField("chan"))
                        .asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);
            }
        }
    };
}

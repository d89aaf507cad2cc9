package dev.portguard.agent.internal.clients.jdkhttp;

import dev.portguard.agent.internal.WeakIdentityMap;
import dev.portguard.core.spi.PoolDestination;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The leases of {@code java.net.http.HttpClient} for {@code CONNECTION_LEAK}. A send's response future completes at
 * its headers, but an HTTP/1.1 connection goes back to the pool only once its body has been received to the end (or
 * is closed): a body never read, such as {@code BodyHandlers.ofInputStream()} left unread and unclosed, keeps it
 * out of the pool for good. So each send is a lease, keyed by the send itself (its {@code MultiExchange}):
 *
 * <ul>
 * <li>started on the calling thread, when the send makes its first exchange, so the site taking it is the code's;
 * <li>tied to its HTTP/1.1 connection when an {@code Http1Exchange} takes one (on the client's threads);
 * <li>progressed whenever body bytes reach that connection's response ({@code Http1Response.BodyReader.handle}),
 *     which happens only as fast as the code reads: a slow download being read keeps progressing;
 * <li>ended when the connection goes back to the pool ({@code closeOrReturnToCache}) or is closed; and at the
 *     response when it did not come over HTTP/1.1 (an HTTP/2 stream holds no connection of its own) or failed.
 * </ul>
 *
 * Fields of the JDK's internal classes are read through handles made once per class; when a JDK's classes look
 * otherwise, no send is tied to a connection and every lease ends at its response, as before.
 */
final class JdkLeases {
    /** The send this thread is making: set at sendAsync's entry, taken at its exit. Made once per thread. */
    private static final class Sending {
        PoolDestination destination;
        Object send;
    }

    private static final ThreadLocal<Sending> SENDING = new ThreadLocal<>() {
        @Override
        protected Sending initialValue() {
            return new Sending();
        }
    };

    /** One HTTP/1.1 connection: the send holding it now, if any. Made once per connection. */
    private static final class Held {
        final AtomicReference<Object> send = new AtomicReference<>();
        volatile PoolDestination destination;
    }

    private final WeakIdentityMap<Object, Held> connections = new WeakIdentityMap<>();
    /** Set once a send was tied to its connection: only then may HTTP/1.1 leases outlive their responses. */
    private volatile boolean tying;

    /** sendAsync's entry, on the calling thread. */
    void sendStarting(PoolDestination destination) {
        Sending s = SENDING.get();
        s.destination = destination;
        s.send = null;
    }

    /** The send's first exchange, made on the calling thread inside sendAsync: the lease starts here. */
    void firstExchange(Object send) {
        Sending s = SENDING.get();
        if (s.destination != null && s.send == null) {
            s.send = send;
            s.destination.leaseStarted(send);
        }
    }

    /** sendAsync's exit: the send this thread started, which {@link #responded} ends unless its connection will. */
    Object sendStarted() {
        Sending s = SENDING.get();
        Object send = s.send;
        s.destination = null;
        s.send = null;
        return send;
    }

    /** The send's response (or failure) came; its lease goes on only while an HTTP/1.1 body holds its connection. */
    void responded(PoolDestination destination, Object send, Object response, Throwable failure) {
        if (send == null) {
            return;
        }
        if (failure != null || !tying || !(response instanceof HttpResponse<?> r)
                || r.version() != HttpClient.Version.HTTP_1_1 || r.statusCode() == 101) {
            destination.leaseEnded(send); // ended already when its connection went back first: ignored
        }
    }

    /** The send ({@code MultiExchange}) an exchange belongs to, or null. */
    static Object sendOf(Object exchange) throws Throwable {
        return read(EXCHANGE_SEND, exchange);
    }

    /** The request ({@code HttpRequestImpl}) an exchange sends, or null. */
    static Object requestOf(Object exchange) throws Throwable {
        return read(EXCHANGE_REQUEST, exchange);
    }

    /** An {@code Http1Exchange} of {@code send} took its connection. */
    void http1Exchange(Object http1Exchange, Object send, PoolDestination destination) throws Throwable {
        Object connection = read(HTTP1_EXCHANGE_CONNECTION, http1Exchange);
        if (connection == null || destination == null) {
            return;
        }
        Held held = connections.computeIfAbsent(connection, c -> new Held());
        held.destination = destination;
        held.send.set(send);
        tying = true;
    }

    /** Body bytes reached a response ({@code bodyReader}'s): its connection's send is reading. */
    void bodyReceived(Object bodyReader) throws Throwable {
        Object response = read(BODY_READER_RESPONSE, bodyReader);
        Object connection = response == null ? null : read(RESPONSE_CONNECTION, response);
        Held held = connection == null ? null : connections.get(connection);
        if (held != null) {
            Object send = held.send.get();
            PoolDestination d = held.destination;
            if (send != null && d != null) {
                d.leaseProgressed(send);
            }
        }
    }

    /** {@code connection} went back to the pool or was closed, by whichever path: its send's lease ends. */
    void connectionDone(Object connection) {
        Held held = connections.get(connection);
        if (held != null) {
            Object send = held.send.getAndSet(null);
            PoolDestination d = held.destination;
            if (send != null && d != null) {
                d.leaseEnded(send);
            }
        }
    }

    private static Object read(ClassValue<MethodHandle> field, Object target) throws Throwable {
        MethodHandle getter = field.get(target.getClass());
        return getter == null ? null : getter.invoke(target);
    }

    private static final ClassValue<MethodHandle> HTTP1_EXCHANGE_CONNECTION = getter("connection");
    private static final ClassValue<MethodHandle> EXCHANGE_SEND = getter("multi");
    private static final ClassValue<MethodHandle> EXCHANGE_REQUEST = getter("request");
    private static final ClassValue<MethodHandle> BODY_READER_RESPONSE = getter("this$0");
    private static final ClassValue<MethodHandle> RESPONSE_CONNECTION = getter("connection");

    /** A getter for the field {@code name} declared by a class (or its superclasses), or null when it has none. */
    private static ClassValue<MethodHandle> getter(String name) {
        return new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> type) {
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    try {
                        java.lang.reflect.Field f = c.getDeclaredField(name);
                        return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).unreflectGetter(f)
                                .asType(MethodType.methodType(Object.class, Object.class));
                    } catch (NoSuchFieldException e) {
                        // look in the superclass
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
                return null;
            }
        };
    }
}

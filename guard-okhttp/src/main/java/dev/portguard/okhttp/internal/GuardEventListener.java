package dev.portguard.okhttp.internal;

import dev.portguard.core.PoolMisuseException;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.KeepAliveRefusal;
import dev.portguard.core.spi.PoolDestination;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns OkHttp's events into the guard's: callStart is a request, connectEnd a new connection, connectionAcquired
 * any use of a connection (new or pooled). One instance serves every call of a pool; it keeps state only for calls redirected to another host, while they run. Each method
 * swallows its own failures: a guard must never break a call, except in strict mode on purpose.
 */
final class GuardEventListener extends EventListener {
    private final ClientPool pool;
    /** Calls whose current exchange went to another host than their request's (a cross-host redirect); usually empty. */
    private final ConcurrentHashMap<Call, HttpUrl> hops = new ConcurrentHashMap<>();

    GuardEventListener(ClientPool pool) {
        this.pool = pool;
    }

    private PoolDestination destination(Call call) {
        HttpUrl url = hops.isEmpty() ? call.request().url() : hop(call);
        return pool.destination(url.host(), url.port());
    }

    /** Where the call's current exchange goes: a redirect's target, or the request's own URL. */
    private HttpUrl hop(Call call) {
        HttpUrl url = hops.get(call);
        return url != null ? url : call.request().url();
    }

    /**
     * OkHttp 5 follows a redirect, or repeats a request the server asked it to retry (503 with Retry-After: 0, 408),
     * as another exchange of the same call. The server sees each one, so each is a request, toward the host it goes
     * to; a call whose exchange went to another host is remembered until it ends, so its connections are counted
     * there too. (A retry after a failed connection is not counted: the server did not answer it. OkHttp 4.12 does
     * not report follow-ups, so there a call is one request.)
     */
    @Override
    public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
        if (nextRequest == null) {
            return;
        }
        try {
            HttpUrl next = nextRequest.url();
            HttpUrl first = call.request().url();
            if (next.port() == first.port() && next.host().equals(first.host())) {
                if (!hops.isEmpty()) {
                    hops.remove(call);
                }
            } else {
                hops.put(call, next);
            }
            pool.destination(next.host(), next.port()).requestStarted();
        } catch (PoolMisuseException e) {
            throw e; // strict mode: fail the offending call, before its next exchange is sent
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void callEnd(Call call) {
        forget(call);
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
        forget(call);
    }

    @Override
    public void canceled(Call call) {
        forget(call);
    }

    private void forget(Call call) {
        try {
            if (!hops.isEmpty()) {
                hops.remove(call);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void callStart(Call call) {
        try {
            PoolDestination d = destination(call);
            if (Headers.saysClose(call.request().header("Connection"))) {
                d.keepAliveRefused(KeepAliveRefusal.REQUEST);
            }
            d.requestStarted();
        } catch (PoolMisuseException e) {
            throw e; // strict mode: fail the offending call
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void connectStart(Call call, InetSocketAddress inetSocketAddress, Proxy proxy) {
        PoolDestination d;
        try {
            d = destination(call);
            d.connecting(inetSocketAddress);
            PendingConnect.set(d);
        } catch (RuntimeException | LinkageError ignored) {
            return;
        }
        try {
            d.beforeConnect();
        } catch (IOException refused) {
            // Protect mode refused the connect. OkHttp's listener methods declare no exception, but its connect
            // path handles any IOException as a failed connect, which is what this must be.
            PendingConnect.clear();
            Sneaky.throwUnchecked(refused);
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol) {
        try {
            PendingConnect.clear();
            PoolDestination d = destination(call);
            d.connectionOpened();
            dev.portguard.core.spi.Protocol spoken = protocolOf(protocol);
            if (spoken != null) {
                d.protocolUsed(spoken);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    /** OkHttp's protocol by its ALPN-like name (stable across 4.x and 5.x); null for those the guard does not name. */
    static dev.portguard.core.spi.Protocol protocolOf(Protocol protocol) {
        if (protocol == null) {
            return null;
        }
        return switch (protocol.toString()) {
            case "http/1.1", "http/1.0" -> dev.portguard.core.spi.Protocol.HTTP_1_1;
            case "h2" -> dev.portguard.core.spi.Protocol.H2;
            case "h2_prior_knowledge" -> dev.portguard.core.spi.Protocol.H2C;
            default -> null;
        };
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress inetSocketAddress, Proxy proxy, Protocol protocol,
                              IOException ioe) {
        try {
            PendingConnect.clear();
            destination(call).connectFailed(ioe);
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        try {
            destination(call).connectionAcquired(call); // the call is the lease: released by the same call
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        try {
            destination(call).connectionReleased(call);
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        try {
            destination(call).leaseProgressed(call); // a slow server answered: the wait for headers was no leak
            if (Headers.saysClose(response.header("Connection"))) {
                destination(call).keepAliveRefused(KeepAliveRefusal.RESPONSE);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }
}

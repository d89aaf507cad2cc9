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
import okhttp3.Response;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;

/**
 * Turns OkHttp's events into the guard's: callStart is a request, connectEnd a new connection, connectionAcquired
 * any use of a connection (new or pooled). Stateless, so one instance serves every call of a pool. Each method
 * swallows its own failures: a guard must never break a call, except in strict mode on purpose.
 */
final class GuardEventListener extends EventListener {
    private final ClientPool pool;

    GuardEventListener(ClientPool pool) {
        this.pool = pool;
    }

    private PoolDestination destination(Call call) {
        HttpUrl url = call.request().url();
        return pool.destination(url.host(), url.port());
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
            destination(call).connectionOpened();
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
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
            destination(call).connectionAcquired();
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        try {
            destination(call).connectionReleased();
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        try {
            if (Headers.saysClose(response.header("Connection"))) {
                destination(call).keepAliveRefused(KeepAliveRefusal.RESPONSE);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // never break the call
        }
    }
}

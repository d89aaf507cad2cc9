package dev.portguard.core.internal.ledger;

import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.ClosedBy;
import dev.portguard.core.spi.KeepAliveRefusal;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

/** What hooks get in {@code off} mode: every event returns at once. */
public final class NoopPool implements ClientPool, PoolDestination {
    private final ClientKind kind;
    private final PoolSettings settings;

    public NoopPool(ClientKind kind, PoolSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public PoolDestination destination(String host, int port) {
        return this;
    }

    @Override
    public String site() {
        return CallSites.UNKNOWN;
    }

    @Override
    public ClientKind kind() {
        return kind;
    }

    @Override
    public PoolSettings settings() {
        return settings;
    }

    @Override
    public void requestStarted() {
    }

    @Override
    public void beforeConnect() {
    }

    @Override
    public void connecting(java.net.InetSocketAddress remote) {
    }

    @Override
    public void connectionOpened() {
    }

    @Override
    public void connectionAcquired() {
    }

    @Override
    public void connectionReleased() {
    }

    @Override
    public void connectionClosed(ClosedBy closedBy) {
    }

    @Override
    public void connectFailed(Throwable failure) {
    }

    @Override
    public void keepAliveRefused(KeepAliveRefusal refusal) {
    }

    @Override
    public String destination() {
        return "unknown";
    }
}

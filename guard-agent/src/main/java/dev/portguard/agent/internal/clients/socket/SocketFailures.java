package dev.portguard.agent.internal.clients.socket;

import dev.portguard.core.FindingType;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.CallSites;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.ConnectFailures;
import dev.portguard.core.spi.PoolSettings;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Any client's failed socket connect, seen at the JDK's socket. When the kernel had no local port left for the
 * destination ("Cannot assign requested address", whatever exception wraps it), the failure goes to the guard like
 * a client's own: it records {@code PORT_EXHAUSTED} and attaches its diagnosis to the exception the application
 * catches. Clients the agent also instruments report the same exception again; the guard diagnoses it once.
 *
 * <p>One pool stands for every socket: its site is unknown (finding it would walk the stack on every failure);
 * the diagnosis names the sites that opened connections to the destination.
 */
public final class SocketFailures {
    static final ClientKind SOCKETS = ClientKind.of("socket", Map.of(FindingType.PORT_EXHAUSTED,
            "Share one client per destination and reuse its connections: each connection closed by this side keeps"
                    + " its local port for 60 s in TIME_WAIT."));

    private final PortGuard guard;
    private volatile ClientPool pool;

    public SocketFailures(PortGuard guard) {
        this.guard = guard;
    }

    public void connectFailed(Object address, Throwable failure) {
        if (!(address instanceof InetSocketAddress a) || !ConnectFailures.isAddressUnavailable(failure)) {
            return; // the common failures (refused, timed out) are the clients' to report
        }
        pool().destination(a.getHostString(), a.getPort()).connectFailed(failure);
    }

    private ClientPool pool() {
        ClientPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = guard.newPool(SOCKETS, PoolSettings.UNKNOWN_SETTINGS, CallSites.UNKNOWN);
                    pool = p;
                }
            }
        }
        return p;
    }
}

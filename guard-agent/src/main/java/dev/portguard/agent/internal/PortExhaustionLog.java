package dev.portguard.agent.internal;

import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Any client's failed socket connect, seen at the JDK's socket: when the kernel had no local port left for the
 * destination ("Cannot assign requested address", whatever exception wraps it), says so in one line per
 * destination a minute. The port headroom diagnosis replaces this line with its own when it is part of the agent.
 */
final class PortExhaustionLog {
    private static final String NO_PORT = "Cannot assign requested address";
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_DESTINATIONS = 1000;

    private final ConcurrentHashMap<String, Long> lastSaid = new ConcurrentHashMap<>();

    void connectFailed(Object address, Throwable failure) {
        if (!(address instanceof InetSocketAddress a) || !saysNoPort(failure)) {
            return;
        }
        String destination = a.getHostString() + ":" + a.getPort();
        long now = System.nanoTime();
        Long last = lastSaid.get(destination);
        if (last != null && now - last < QUIET_NANOS) {
            return;
        }
        if (lastSaid.size() >= MAX_DESTINATIONS) {
            lastSaid.clear();
        }
        lastSaid.put(destination, now);
        AgentLog.warn("PORT_EXHAUSTED toward " + destination + ": no local port was free for a new connection ("
                + NO_PORT + "). Connections opened per request, or too many held open, use up the ports toward one"
                + " destination; each closed one keeps its port 60 s in TIME_WAIT. See the report's findings.");
    }

    static boolean saysNoPort(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null && seen.size() < 16;
             t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(NO_PORT)) {
                return true;
            }
        }
        return false;
    }
}

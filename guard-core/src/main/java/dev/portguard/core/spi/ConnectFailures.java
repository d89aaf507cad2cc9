package dev.portguard.core.spi;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reads what a connect failure means from its whole cause chain, whatever exception type the client wrapped it in.
 * Integrations that see a failure before the client wraps it (the javaagent at the socket) judge it the same way.
 */
public final class ConnectFailures {
    private static final int MAX_DEPTH = 16;

    private ConnectFailures() {
    }

    /**
     * A connect that found no free local port: "Cannot assign requested address" (EADDRNOTAVAIL) anywhere in the
     * chain, whatever the exception type (BindException, ConnectException, NoRouteToHostException on old JDKs).
     */
    public static boolean isAddressUnavailable(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH && seen.put(t, Boolean.TRUE) == null; depth++) {
            String message = t.getMessage();
            if (message != null && message.contains("Cannot assign requested address")) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /** A connect that timed out: {@code SocketTimeoutException}, {@code HttpConnectTimeoutException}, or alike. */
    public static boolean isConnectTimeout(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH && seen.put(t, Boolean.TRUE) == null; depth++) {
            if (t instanceof java.net.SocketTimeoutException
                    || t.getClass().getName().endsWith("ConnectTimeoutException")) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }
}

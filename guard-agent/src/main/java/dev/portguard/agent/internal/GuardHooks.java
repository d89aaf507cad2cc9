package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Hooks;
import dev.portguard.core.PortGuard;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's side of the bridge: routes each event to the integration for its client. Every method swallows its
 * own failures (the bridge does too): counting must never change what the application sees.
 */
final class GuardHooks implements Hooks {
    static final String HTTPCLIENT5_CLASSIC = "httpclient5-classic";
    static final String HTTPCLIENT5_ASYNC = "httpclient5-async";
    static final String HTTPCLIENT4 = "httpclient4";
    static final String JDK_HTTPCLIENT = "jdk-httpclient";

    private final OkHttpClients okHttp = new OkHttpClients();
    private final ApachePools apache;
    private final JdkHttpClients jdk;
    private final UrlConnections urlConnections;
    private final SocketFailures sockets;
    private final AtomicBoolean selfTestPassed = new AtomicBoolean();

    GuardHooks(PortGuard guard) {
        this.apache = new ApachePools(guard);
        this.jdk = new JdkHttpClients(guard);
        this.urlConnections = new UrlConnections(guard);
        this.sockets = new SocketFailures(guard);
    }

    boolean selfTestHasPassed() {
        return selfTestPassed.get();
    }

    @Override
    public void okHttpClientBuilding(Object builder) {
        try {
            okHttp.building(builder);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void poolCreated(Object pool, String client) {
        try {
            switch (client) {
                case HTTPCLIENT5_CLASSIC -> apache.created(pool, AgentKinds.HTTPCLIENT5_CLASSIC);
                case HTTPCLIENT5_ASYNC -> apache.created(pool, AgentKinds.HTTPCLIENT5_ASYNC);
                case HTTPCLIENT4 -> apache.created(pool, AgentKinds.HTTPCLIENT4);
                case JDK_HTTPCLIENT -> jdk.created(pool);
                default -> {
                    // an advice of another agent version: ignore
                }
            }
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void routeLeased(Object pool, Object route) {
        try {
            apache.leased(pool, route);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void routeConnected(Object pool, Object routeOrEndpoint, Throwable failure) {
        try {
            apache.connected(pool, routeOrEndpoint, failure);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void endpointReleased(Object pool, Object endpoint) {
        try {
            apache.released(pool, endpoint);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void endpointReleasedKeeping(Object pool, Object endpoint, Object keepAlive) {
        try {
            apache.released(pool, endpoint, keepAlive);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public Object jdkRequestStarting(Object client, Object request) {
        try {
            return jdk.requestStarting(client, request);
        } catch (Throwable ignored) {
            return null;
        }
    }

    @Override
    public void jdkRequestSent(Object token, Object response, Throwable failure) {
        try {
            jdk.requestSent(token, response, failure);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void jdkConnectionOpening(Object client, Object address) {
        try {
            jdk.connectionOpening(client, address);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void jdkExchangeCreated(Object request, Object multiExchange) {
        try {
            jdk.exchangeCreated(request, multiExchange);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void urlConnectionOpened() {
        urlConnections.opened();
    }

    @Override
    public void urlConnectionAcquired(Object url, Object connection) {
        try {
            urlConnections.acquired(url, connection);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void urlConnectionClosed(Object connection) {
        try {
            urlConnections.closed(connection);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void socketConnectFailed(Object address, Throwable failure) {
        try {
            sockets.connectFailed(address, failure);
        } catch (Throwable ignored) {
            // never break the application
        }
    }

    @Override
    public void selfTestPassed() {
        selfTestPassed.set(true);
    }
}

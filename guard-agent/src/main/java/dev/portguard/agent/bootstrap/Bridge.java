package dev.portguard.agent.bootstrap;

/**
 * The one entry point advice calls from inside library and JDK classes. It lives on the boot class path, so code
 * loaded by any class loader can reach it, and forwards to the {@link Hooks} the agent installed. Before that, or
 * when a hook fails, every call is a no-op: instrumented code must never break because of the guard.
 */
public final class Bridge {
    private static volatile Hooks hooks;

    private Bridge() {
    }

    /** Called once by the agent. */
    public static void install(Hooks installed) {
        hooks = installed;
    }

    public static void okHttpClientBuilding(Object builder) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.okHttpClientBuilding(builder);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void poolCreated(Object pool, String client) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.poolCreated(pool, client);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void routeLeased(Object pool, Object route) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.routeLeased(pool, route);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void routeConnected(Object pool, Object routeOrEndpoint, Throwable failure) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.routeConnected(pool, routeOrEndpoint, failure);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void endpointReleased(Object pool, Object endpoint) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.endpointReleased(pool, endpoint);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void jdkExchangeCreated(Object request, Object multiExchange) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.jdkExchangeCreated(request, multiExchange);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void endpointReleasedKeeping(Object pool, Object endpoint, Object keepAlive) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.endpointReleasedKeeping(pool, endpoint, keepAlive);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static Object jdkRequestStarting(Object client, Object request) {
        Hooks h = hooks;
        if (h != null) {
            try {
                return h.jdkRequestStarting(client, request);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
        return null;
    }

    public static void jdkRequestSent(Object token, Object response, Throwable failure) {
        Hooks h = hooks;
        if (h != null && token != null) {
            try {
                h.jdkRequestSent(token, response, failure);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void jdkConnectionOpening(Object client, Object address) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.jdkConnectionOpening(client, address);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void urlConnectionOpened() {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.urlConnectionOpened();
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void urlConnectionAcquired(Object url, Object connection) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.urlConnectionAcquired(url, connection);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void urlConnectionClosed(Object connection) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.urlConnectionClosed(connection);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void socketConnectFailed(Object address, Throwable failure) {
        Hooks h = hooks;
        if (h != null && failure != null) {
            try {
                h.socketConnectFailed(address, failure);
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }

    public static void selfTestPassed() {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.selfTestPassed();
            } catch (Throwable ignored) {
                // never break the application
            }
        }
    }
}

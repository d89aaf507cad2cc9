package dev.portguard.okhttp.internal;

import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.PoolSettings;
import okhttp3.ConnectionPool;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;

/** OkHttp as the guard describes it: its name, the fixes in its API, and what a pool is configured to keep. */
public final class OkHttpKind {
    public static final ClientKind KIND = ClientKind.of("okhttp", Map.of(
            FindingType.NEW_CLIENT_PER_REQUEST,
            "Build one OkHttpClient and share it (a singleton or an injected bean); for per-call settings use"
                    + " client.newBuilder()...build(), which shares the ConnectionPool.",
            FindingType.NEW_CONNECTION_PER_REQUEST,
            "Share one OkHttpClient across requests and close every Response (or its body) so its connection goes"
                    + " back to the ConnectionPool.",
            FindingType.KEEP_ALIVE_DISABLED,
            "Remove the 'Connection: close' header and give the client a ConnectionPool that keeps idle"
                    + " connections, e.g. new ConnectionPool(5, 5, TimeUnit.MINUTES).",
            FindingType.POOL_CHURN,
            "Size the pool to the callers' peak concurrency: builder.connectionPool(new ConnectionPool(peak, 5,"
                    + " TimeUnit.MINUTES)); OkHttp's default keeps only 5 idle connections."));

    private OkHttpKind() {
    }

    /**
     * Reads the pool's idle limit and keep-alive. OkHttp keeps them private (the same field names in 4.12 and 5.x),
     * so this uses reflection and answers "unknown" on any other layout rather than guessing.
     */
    public static PoolSettings settingsOf(ConnectionPool pool) {
        try {
            Object delegate = DELEGATE.get(pool.getClass()).get(pool);
            Field[] fields = SETTINGS.get(delegate.getClass());
            int maxIdle = fields[0].getInt(delegate);
            long keepAliveNs = fields[1].getLong(delegate);
            return PoolSettings.ofIdle(maxIdle, Duration.ofNanos(keepAliveNs));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return PoolSettings.UNKNOWN_SETTINGS;
        }
    }

    // Looked up once per class: a program that builds a client per request reads these on every request.
    private static final ClassValue<Field> DELEGATE = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return field(type, "delegate");
        }
    };
    private static final ClassValue<Field[]> SETTINGS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return new Field[] {field(type, "maxIdleConnections"), field(type, "keepAliveDurationNs")};
        }
    };

    /** The field, accessible; a missing one surfaces as the RuntimeException settingsOf answers "unknown" to. */
    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}

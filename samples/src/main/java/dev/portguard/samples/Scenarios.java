package dev.portguard.samples;

import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Each anti-pattern the guard finds, and its fix, as code a service might really contain. */
final class Scenarios {
    static final int REQUESTS = 200;

    private Scenarios() {
    }

    /** The incident's usual cause: a client built inside the method that makes the call. */
    static final class NewClientPerRequest implements Scenario {
        @Override
        public String title() {
            return "a new OkHttpClient for every request";
        }

        @Override
        public boolean healthy() {
            return false;
        }

        @Override
        public void run(DemoServer server, PortGuard guard) throws Exception {
            for (int i = 0; i < REQUESTS; i++) {
                fetchPrice(server, guard, i);
            }
        }

        private static void fetchPrice(DemoServer server, PortGuard guard, int item) throws Exception {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
            Scenario.get(client, server.url("/prices/" + item));
        }
    }

    /** The fix: one client for the whole service. */
    static final class SharedClient implements Scenario {
        @Override
        public String title() {
            return "one shared OkHttpClient";
        }

        @Override
        public boolean healthy() {
            return true;
        }

        @Override
        public void run(DemoServer server, PortGuard guard) throws Exception {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
            for (int i = 0; i < REQUESTS; i++) {
                Scenario.get(client, server.url("/prices/" + i));
            }
        }
    }

    /** A pool told to keep nothing idle: every request pays a new connection. */
    static final class ZeroIdlePool implements Scenario {
        @Override
        public String title() {
            return "a ConnectionPool that keeps no idle connection";
        }

        @Override
        public boolean healthy() {
            return false;
        }

        @Override
        public void run(DemoServer server, PortGuard guard) throws Exception {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))).build();
            for (int i = 0; i < REQUESTS; i++) {
                Scenario.get(client, server.url("/prices/" + i));
            }
        }
    }

    /** Keep-alive switched off by the caller's own header. */
    static final class ConnectionClose implements Scenario {
        @Override
        public String title() {
            return "requests sent with 'Connection: close'";
        }

        @Override
        public boolean healthy() {
            return false;
        }

        @Override
        public void run(DemoServer server, PortGuard guard) throws Exception {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
            for (int i = 0; i < REQUESTS; i++) {
                Request request = new Request.Builder().url(server.url("/prices/" + i))
                        .header("Connection", "close").build();
                try (Response response = client.newCall(request).execute()) {
                    response.body().string();
                }
            }
        }
    }

    /** OkHttp's default pool (5 idle) under 32 concurrent callers; and the same pool sized for them. */
    static final class Concurrency implements Scenario {
        private final int maxIdle;

        Concurrency(int maxIdle) {
            this.maxIdle = maxIdle;
        }

        @Override
        public String title() {
            return maxIdle == 5 ? "the default pool (5 idle) under 32 concurrent callers"
                    : "a pool sized for its 32 concurrent callers";
        }

        @Override
        public boolean healthy() {
            return maxIdle >= 32;
        }

        @Override
        public void run(DemoServer server, PortGuard guard) throws Exception {
            OkHttpClient client = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(maxIdle, 5, TimeUnit.MINUTES))).build();
            server.respondAfter(20);
            ExecutorService callers = Executors.newFixedThreadPool(32);
            try {
                for (int burst = 0; burst < 8; burst++) {
                    List<Future<?>> calls = new ArrayList<>();
                    for (int i = 0; i < 32; i++) {
                        int item = i;
                        calls.add(callers.submit(() -> {
                            Scenario.get(client, server.url("/prices/" + item));
                            return null;
                        }));
                    }
                    for (Future<?> call : calls) {
                        call.get(30, TimeUnit.SECONDS);
                    }
                    Thread.sleep(100); // traffic comes in bursts; the pool trims itself in between
                }
            } finally {
                callers.shutdownNow();
                server.respondAfter(0);
            }
        }
    }
}

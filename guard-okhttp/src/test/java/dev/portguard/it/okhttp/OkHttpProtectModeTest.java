package dev.portguard.it.okhttp;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.PortGuard;
import dev.portguard.core.ProtectMode;
import dev.portguard.okhttp.OkHttpGuard;
import dev.portguard.testing.LoopbackHttpServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Protect mode through OkHttp: the refusal the core raises before a connect must fail the call as a connect
 * failure, while calls on pooled connections go on. A critical threshold of 100% makes any port held toward the
 * destination critical, so this runs against the real host's /proc without exhausting anything (the namespace test
 * in guard-core exhausts a real range).
 */
class OkHttpProtectModeTest {

    @Test
    void aNewConnectionIsRefusedWhilePooledOnesKeepWorking() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")) || Files.isReadable(Path.of("/proc/net/tcp")),
                "port headroom is read from Linux /proc");
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            PortGuard guard = PortGuard.create(GuardConfig.builder()
                    .set("protect", "enforce").set("protect.critical", "1.0").set("headroom.interval", "10m")
                    .logLevel(System.Logger.Level.OFF).build());
            assertThat(guard.config().protect()).isEqualTo(ProtectMode.ENFORCE);
            OkHttpClient shared = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()).build();
            guard.testing().refreshHeadroom();
            Request request = new Request.Builder().url(server.url()).build();
            call(shared, request); // headroom is the whole range: allowed, and now pooled

            OkHttpClient noPool = OkHttpGuard.using(guard).guard(new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                    .connectTimeout(Duration.ofSeconds(5))).build();
            Throwable refused = catchThrowable(() -> call(noPool, request));
            assertThat(refused).isInstanceOf(PortBudgetExceededException.class)
                    .hasMessageContaining("PortGuard protect mode refused a new connection to " + server.destination());

            for (int i = 0; i < 10; i++) {
                call(shared, request);
            }
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.requests()).isEqualTo(11);
            assertThat(guard.snapshot().destination(server.destination()).orElseThrow().connectionsOpened())
                    .isEqualTo(1);
        }
    }

    private static void call(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }
}

package dev.portguard.it.core.memory;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.PortGuard;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import dev.portguard.core.spi.PoolSettings;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Long-lived clients, each calling many destinations, reported to a guard as a client hook reports them:
 * {@code <observe|off> <clients> <sites> <destinations>}. Keeps every client alive, collects, and prints the heap
 * still used, so the same run with the guard off gives what the guard itself retains.
 */
public final class LongLivedClientsApp {
    private LongLivedClientsApp() {
    }

    public static void main(String[] args) throws Exception {
        GuardMode mode = GuardMode.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        int clients = Integer.parseInt(args[1]);
        int sites = Integer.parseInt(args[2]);
        int destinations = Integer.parseInt(args[3]);
        PortGuard guard = PortGuard.create(GuardConfig.builder().mode(mode).headroomProbe(false)
                .logLevel(System.Logger.Level.OFF).build());
        ClientKind kind = ClientKind.of("memory-test", Map.of());
        PoolSettings settings = PoolSettings.ofIdle(5, Duration.ofMinutes(5));
        List<ClientPool> alive = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String site = "app.Tenant" + (c % sites) + ".client(Tenant.java:" + (10 + c % sites) + ")";
            ClientPool pool = guard.integration().newPool(kind, settings, site);
            alive.add(pool);
            for (int d = 0; d < destinations; d++) {
                // New String objects per call, as a client's URL parser hands them over.
                String host = new StringBuilder("svc-").append(d).append(".internal").toString();
                PoolDestination destination = pool.destination(host, 443);
                destination.requestStarted();
                destination.connectionOpened();
                destination.connectionAcquired();
                destination.connectionReleased();
            }
        }
        long used = retainedHeap();
        System.out.println("retained_bytes " + used + " pools " + alive.size() + " "
                + guard.snapshot().destinations().size());
    }

    private static long retainedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

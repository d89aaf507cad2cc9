package dev.portguard.it.core.netns;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.PortGuard;
import dev.portguard.core.ProtectMode;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;
import dev.portguard.core.internal.report.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs inside a throwaway network namespace (started by {@code NamespaceExhaustionTest} through
 * {@code ip netns exec}), with a 50-port range and tcp_tw_reuse=0. It serves two loopback destinations itself and
 * opens connections to them through a guarded client. After each step it prints one {@code STEP {json}} line with
 * what the guard reports and waits for a line on stdin, so the test can compare with {@code ss} in between.
 *
 * <p>{@code exhaust}: fill 127.0.0.1:A step by step until a connect fails, then use B.
 * {@code protect}: the same with protect mode on: the guard refuses before the range is gone, B keeps working.
 */
public final class ExhaustionScenario {
    private static final String HOST = "127.0.0.1";
    private static final int MAX_ATTEMPTS = 120;
    private static final long SETTLE_MILLIS = 5000;
    /** Connections the servers closed; each follows the client's close, and puts the client side in TIME_WAIT. */
    private static final java.util.concurrent.atomic.AtomicInteger SERVER_CLOSES =
            new java.util.concurrent.atomic.AtomicInteger();
    private static volatile int closesCountedOn;
    private int clientCloses;

    private final BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final PortGuard guard;
    private final GuardedSocketClient client;
    private final int portA;
    private final int portB;
    private final List<Socket> open = new ArrayList<>();

    private ExhaustionScenario(PortGuard guard, int portA, int portB) {
        this.guard = guard;
        this.client = new GuardedSocketClient(guard);
        this.portA = portA;
        this.portB = portB;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int portA = Integer.parseInt(args[1]);
        int portB = Integer.parseInt(args[2]);
        GuardConfig.Builder config = GuardConfig.builder().headroomLow(0.2);
        if (mode.equals("protect")) {
            config.protect(ProtectMode.ENFORCE).protectCritical(0.1);
        }
        closesCountedOn = portA;
        serve(portA);
        serve(portB);
        ExhaustionScenario s = new ExhaustionScenario(PortGuard.create(config.build()), portA, portB);
        if (mode.equals("protect")) {
            s.protect();
        } else {
            s.exhaust();
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    private void exhaust() throws IOException {
        step("start", Map.of());
        // Each step opens connections and closes most of them client-first (TIME_WAIT), keeping a few open.
        int[][] steps = {{10, 8}, {10, 8}, {10, 8}, {10, 8}, {5, 4}};
        for (int[] st : steps) {
            for (int i = 0; i < st[0]; i++) {
                Socket socket = client.open(HOST, portA);
                if (i < st[1]) {
                    closeA(socket);
                } else {
                    open.add(socket);
                }
            }
            step("filled", Map.of());
        }
        // One at a time until the kernel has no port left toward A.
        Map<String, Object> failure = Map.of("failed", false);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean lowBefore = !guard.snapshot().findings(FindingType.PORT_HEADROOM_LOW).isEmpty();
            try {
                closeA(client.open(HOST, portA));
            } catch (IOException e) {
                failure = failure(e, attempt, lowBefore);
                break;
            }
        }
        step("exhausted", failure);
        for (int i = 0; i < 5; i++) {
            open.add(client.open(HOST, portB));
        }
        step("second-destination", Map.of());
    }

    private void protect() throws IOException {
        step("start", Map.of());
        Socket pooled = client.open(HOST, portA); // the connection a pool would keep and reuse
        Map<String, Object> refusal = Map.of("refused", false);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                closeA(client.open(HOST, portA));
            } catch (PortBudgetExceededException e) {
                long started = System.nanoTime();
                try {
                    client.open(HOST, portA);
                } catch (PortBudgetExceededException again) {
                    // refused again, as it should
                }
                refusal = Map.of("refused", true, "attempt", attempt, "message", e.getMessage(),
                        "secondRefusalMicros", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
                break;
            }
        }
        boolean pooledStillWorks = echo(pooled);
        boolean unguardedConnects;
        try (Socket other = new Socket()) { // another workload, not guarded: the ports it needs are still there
            other.connect(new InetSocketAddress(InetAddress.getByName(HOST), portA), 2000);
            unguardedConnects = echo(other);
        } catch (IOException e) {
            unguardedConnects = false;
        }
        Map<String, Object> result = new java.util.LinkedHashMap<>(refusal);
        result.put("pooledStillWorks", pooledStillWorks);
        result.put("unguardedConnects", unguardedConnects);
        step("protected", result);
        for (int i = 0; i < 3; i++) {
            Socket b = client.open(HOST, portB);
            open.add(b);
            result.put("secondDestinationWorks", echo(b));
        }
        step("second-destination", result);
    }

    private static Map<String, Object> failure(IOException e, int attempt, boolean lowBefore) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("failed", true);
        f.put("attempt", attempt);
        f.put("exception", e.getClass().getName());
        f.put("message", String.valueOf(e.getMessage()));
        f.put("lowBeforeFailure", lowBefore);
        List<String> suppressed = new ArrayList<>();
        for (Throwable s : e.getSuppressed()) {
            suppressed.add(s.getClass().getName() + ": " + s.getMessage());
        }
        f.put("suppressed", String.join("\n", suppressed));
        return f;
    }

    /** Prints what the guard says now (after a fresh reading) and waits for the test to say "next". */
    private void step(String name, Map<String, Object> extra) throws IOException {
        settle();
        guard.testing().refreshHeadroom();
        HeadroomReport report = guard.snapshot().headroom();
        Json json = new Json().beginObject().field("step", name);
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            json.field(e.getKey(), e.getValue());
        }
        json.name("destinations").beginObject();
        for (DestinationHeadroom d : report.destinations()) {
            json.name(d.destination()).beginObject()
                    .field("portsHeld", d.portsHeld())
                    .field("headroom", d.headroom())
                    .field("level", d.level())
                    .field("refused", d.refused())
                    .endObject();
        }
        json.endObject();
        json.name("findings").beginArray();
        for (Finding f : guard.snapshot().findings()) {
            json.value(f.type().name() + " " + f.destination() + " " + f.site());
        }
        json.endArray();
        System.out.println("STEP " + json.endObject());
        System.out.flush();
        String command = commands.readLine();
        if (command == null || !command.equals("next")) {
            System.exit(3); // the test went away: stop, the namespace goes with it
        }
    }

    /**
     * Waits (bounded) until the servers have closed every connection the client closed, so no socket is between
     * FIN_WAIT2 and TIME_WAIT while the guard and ss read the tables: a table listed while sockets move in it can
     * show one twice or not at all.
     */
    private void settle() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (SERVER_CLOSES.get() < clientCloses && System.nanoTime() < deadline) {
            sleep(5);
        }
        sleep(50); // the last ACKs cross loopback
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeA(Socket socket) throws IOException {
        client.close(socket, HOST, portA);
        clientCloses++;
    }

    private static boolean echo(Socket socket) {
        try {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(42);
            out.flush();
            return socket.getInputStream().read() == 42;
        } catch (IOException e) {
            return false;
        }
    }

    /** An echo server on 127.0.0.1:port; each connection is served until the client closes it. */
    private static void serve(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 512);
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> echoUntilClosed(s), "echo-" + port);
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void echoUntilClosed(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            if (s.getLocalPort() == closesCountedOn) {
                SERVER_CLOSES.incrementAndGet();
            }
        }
    }
}

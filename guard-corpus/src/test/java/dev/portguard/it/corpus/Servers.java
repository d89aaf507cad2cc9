package dev.portguard.it.corpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The servers of one run, and how the program's arguments name them. */
final class Servers implements AutoCloseable {
    /** Starts a pattern's servers, fresh for every run. */
    interface Spec {
        Servers start() throws IOException;
    }

    final List<ServerTruth> all;
    /** One URL per server, in order: {@code {url}} is the first, {@code {url2}} the second, {@code {urls}} all. */
    final List<String> urls;

    private Servers(List<ServerTruth> all, List<String> urls) {
        this.all = all;
        this.urls = urls;
    }

    static Spec one(CountingServer.Behaviour behaviour) {
        return () -> {
            CountingServer s = new CountingServer(behaviour);
            return new Servers(List.of(s), List.of(s.url()));
        };
    }

    static Spec keepAlive() {
        return one(CountingServer.Behaviour.KEEP_ALIVE);
    }

    /** {@code count} keep-alive servers, each on its own loopback address from 127.0.0.{first}. */
    static Spec many(int count, int first) {
        return () -> {
            List<ServerTruth> servers = new ArrayList<>();
            List<String> urls = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    CountingServer s = new CountingServer(CountingServer.Behaviour.KEEP_ALIVE, "127.0.0." + (first + i));
                    servers.add(s);
                    urls.add(s.url());
                }
            } catch (IOException e) {
                closeAll(servers);
                throw e;
            }
            return new Servers(servers, urls);
        };
    }

    /** Two servers with the same behaviour, on 127.0.0.1 and 127.0.0.2. */
    static Spec two(CountingServer.Behaviour behaviour) {
        return () -> {
            CountingServer a = new CountingServer(behaviour, "127.0.0.1");
            CountingServer b = new CountingServer(behaviour, "127.0.0.2");
            return new Servers(List.of(a, b), List.of(a.url(), b.url()));
        };
    }

    /** Server A (127.0.0.1) answers every request with a redirect to server B (127.0.0.2): a cross-host redirect. */
    static Spec crossHostRedirect() {
        return () -> {
            CountingServer b = new CountingServer(CountingServer.Behaviour.KEEP_ALIVE, "127.0.0.2");
            CountingServer a = new CountingServer(CountingServer.Behaviour.KEEP_ALIVE.redirect(b.url()), "127.0.0.1");
            return new Servers(List.of(a, b), List.of(a.url(), b.url()));
        };
    }

    static Spec http2() {
        return () -> {
            H2Server s = new H2Server();
            return new Servers(List.of(s), List.of(s.url()));
        };
    }

    long requests() {
        return all.stream().mapToLong(ServerTruth::requests).sum();
    }

    long connections() {
        return all.stream().mapToLong(ServerTruth::connections).sum();
    }

    @Override
    public void close() {
        closeAll(all);
    }

    private static void closeAll(List<ServerTruth> servers) {
        for (ServerTruth s : servers) {
            try {
                s.close();
            } catch (IOException | RuntimeException ignored) {
                // a server that will not close dies with the test JVM
            }
        }
    }
}

package dev.portguard.it.corpus;

import dev.portguard.it.corpus.CountingServer.Behaviour;
import dev.portguard.it.corpus.Pattern.Path;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The corpus: every labelled pattern, in one table. Request counts are modest but above the detectors' thresholds
 * ({@code min.requests} 20, {@code new.client.threshold} 10), so a healthy pattern that stays quiet is quiet on
 * evidence, not for lack of it.
 */
final class Patterns {
    static final String NEW_CLIENT = "NEW_CLIENT_PER_REQUEST";
    static final String NEW_CONNECTION = "NEW_CONNECTION_PER_REQUEST";
    static final String KEEP_ALIVE_OFF = "KEEP_ALIVE_DISABLED";
    static final String CHURN = "POOL_CHURN";
    static final String SERVER_CLOSES_IDLE = "SERVER_CLOSES_IDLE";
    static final String LEAK = "CONNECTION_LEAK";
    private static final String LEAK_AGE = "-Dportguard.leak.age=1s";

    private static final Set<Path> BOTH = EnumSet.allOf(Path.class);
    private static final Set<Path> AGENT = EnumSet.of(Path.AGENT);

    private Patterns() {
    }

    static List<Pattern> all() {
        List<Pattern> p = new ArrayList<>();
        // Healthy patterns that real services use every day.
        p.add(healthy("tenant-clients", "okhttp", "TenantClients", BOTH, Servers.keepAlive(), "{url}", "50", "8", "4000"));
        p.add(healthy("round-robin-clients", "okhttp", "RoundRobinClients", BOTH, Servers.many(10, 11),
                "12", "8", "400", "{urls}"));
        p.add(healthy("urlconnection-cache-sized", "HttpURLConnection", "UrlConnectionCalls", AGENT, Servers.keepAlive(),
                "{url}", "32", "4000").withJvm("-Dhttp.maxConnections=32"));
        p.add(healthy("shared-okhttp-virtual-threads", "okhttp", "SharedOkHttpThreads", BOTH, Servers.many(3, 21),
                "virtual", "64", "100", "{urls}").onJdk(25));
        p.add(healthy("shared-okhttp-platform-threads", "okhttp", "SharedOkHttpThreads", BOTH, Servers.many(3, 24),
                "platform", "64", "100", "{urls}"));
        p.add(healthy("redirect-cross-host-okhttp", "okhttp", "SharedOkHttp", BOTH, Servers.crossHostRedirect(),
                "{url}", "4", "200"));
        p.add(healthy("redirect-cross-host-jdk", "jdk-httpclient", "SharedJdkClient", AGENT,
                Servers.crossHostRedirect(), "{url}", "4", "200"));
        p.add(healthy("redirect-cross-host-hc5", "httpclient5-classic", "SharedHc5Classic", BOTH,
                Servers.crossHostRedirect(), "{url}", "4", "200"));
        p.add(healthy("retries-shared-okhttp", "okhttp", "SharedOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.failingFirstAttempts()), "{url}", "1", "100"));
        p.add(healthy("retries-shared-hc5", "httpclient5-classic", "SharedHc5Classic", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.failingFirstAttempts()), "{url}", "1", "100"));
        p.add(healthy("pool-sized-to-bursts-okhttp", "okhttp", "BurstsOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.holding(50)), "{url}", "20", "20", "10", "100"));
        p.add(healthy("newbuilder-per-request", "okhttp", "NewBuilderPerRequest", BOTH, Servers.keepAlive(),
                "{url}", "8", "1000"));
        p.add(healthy("shared-async-hc5", "httpclient5-async", "SharedHc5Async", BOTH, Servers.keepAlive(),
                "{url}", "8", "1000"));
        p.add(healthy("http2-multiplexing-okhttp", "okhttp", "Http2OkHttp", BOTH, Servers.http2(),
                "{url}", "16", "1000"));
        p.add(healthy("long-polling-okhttp", "okhttp", "SharedOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.holding(300)), "{url}", "4", "40"));
        p.add(healthy("server-sent-events-okhttp", "okhttp", "ServerSentEvents", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.streaming(5)), "{url}", "30"));
        p.add(healthy("clients-per-test", "okhttp", "ClientsPerTest", BOTH, Servers.keepAlive(), "{url}", "30", "8"));
        p.add(healthy("threadlocal-clients", "okhttp", "ThreadLocalClients", BOTH, Servers.keepAlive(),
                "{url}", "8", "1000"));
        p.add(healthy("cold-start-burst", "okhttp", "ColdStartBursts", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.holding(20)), "{url}", "32", "1000"));
        p.add(healthy("many-hosts-once-each", "okhttp", "ManyHosts", BOTH, Servers.many(200, 30), "{urls}"));
        p.add(healthy("shared-jdk-httpclient", "jdk-httpclient", "SharedJdkClient", AGENT, Servers.keepAlive(),
                "{url}", "8", "1000"));
        p.add(healthy("shared-hc4", "httpclient4", "SharedHc4", AGENT, Servers.keepAlive(), "{url}", "8", "1000"));
        p.add(healthy("shared-urlconnection", "HttpURLConnection", "UrlConnectionCalls", AGENT, Servers.keepAlive(),
                "{url}", "4", "1000"));

        // Bad patterns: each must be caught, with the line at fault.
        p.add(bad("new-client-okhttp", "okhttp", "NewClientOkHttp", BOTH, Servers.keepAlive(), NEW_CLIENT,
                "corpusapp.NewClientOkHttp.fetch(", "{url}", "60"));
        p.add(bad("new-client-hc5", "httpclient5-classic", "NewClientHc5", BOTH, Servers.keepAlive(), NEW_CLIENT,
                "corpusapp.NewClientHc5.fetch(", "{url}", "60"));
        p.add(bad("new-client-hc5-async", "httpclient5-async", "NewClientHc5Async", BOTH, Servers.keepAlive(),
                NEW_CLIENT, "corpusapp.NewClientHc5Async.fetch(", "{url}", "60"));
        p.add(bad("new-client-hc4", "httpclient4", "NewClientHc4", AGENT, Servers.keepAlive(), NEW_CLIENT,
                "corpusapp.NewClientHc4.fetch(", "{url}", "60"));
        p.add(bad("new-client-jdk", "jdk-httpclient", "NewClientJdk", AGENT, Servers.keepAlive(), NEW_CLIENT,
                "corpusapp.NewClientJdk.fetch(", "{url}", "60"));
        p.add(bad("urlconnection-keepalive-off", "HttpURLConnection", "UrlConnectionCalls", AGENT, Servers.keepAlive(),
                KEEP_ALIVE_OFF, "corpusapp.UrlConnectionCalls.fetch(", "{url}", "1", "60")
                .withJvm("-Dhttp.keepAlive=false"));
        p.add(bad("library-client-per-request", "okhttp", "LibraryPerRequest", BOTH, Servers.keepAlive(), NEW_CLIENT,
                "corpuslib.PriceLookup.price(", "{url}", "60"));
        p.add(bad("zero-idle-pool-okhttp", "okhttp", "ZeroIdleOkHttp", BOTH, Servers.keepAlive(), KEEP_ALIVE_OFF,
                "corpusapp.ZeroIdleOkHttp.main(", "{url}", "60"));
        p.add(bad("connection-close-request-okhttp", "okhttp", "ConnectionCloseOkHttp", BOTH, Servers.keepAlive(),
                KEEP_ALIVE_OFF, "corpusapp.ConnectionCloseOkHttp.main(", "{url}", "60", "request"));
        p.add(bad("connection-close-response-okhttp", "okhttp", "ConnectionCloseOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.closing()), KEEP_ALIVE_OFF, "corpusapp.ConnectionCloseOkHttp.main(",
                "{url}", "60", "response"));
        p.add(bad("connection-close-request-hc5", "httpclient5-classic", "ConnectionCloseHc5", BOTH,
                Servers.keepAlive(), KEEP_ALIVE_OFF, "corpusapp.ConnectionCloseHc5.main(", "{url}", "60", "request"));
        p.add(bad("connection-close-response-hc5", "httpclient5-classic", "ConnectionCloseHc5", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.closing()), KEEP_ALIVE_OFF, "corpusapp.ConnectionCloseHc5.main(",
                "{url}", "60", "response"));
        p.add(bad("pool-churn-bursts-okhttp", "okhttp", "BurstsOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.holding(50)), CHURN, "corpusapp.BurstsOkHttp.main(",
                "{url}", "5", "20", "10", "100"));
        p.add(bad("pool-churn-capped-hc5", "httpclient5-classic", "CappedPoolHc5", BOTH,
                Servers.two(Behaviour.KEEP_ALIVE.holding(5)), CHURN, "corpusapp.CappedPoolHc5.main(",
                "4", "8", "400", "{url}", "{url2}"));
        // The general cause: a server that ends every response by closing the connection, without saying so.
        p.add(bad("server-closes-each-silently-okhttp", "okhttp", "SharedOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.bodiesToEof()), NEW_CONNECTION, "corpusapp.SharedOkHttp.main(",
                "{url}", "1", "60"));
        p.add(bad("server-closes-idle-okhttp", "okhttp", "PollingOkHttp", BOTH,
                Servers.one(Behaviour.KEEP_ALIVE.idleClose(1000)), SERVER_CLOSES_IDLE, "corpusapp.PollingOkHttp.main(",
                "{url}", "21", "1500").waiting());
        leakPatterns(p);
        return p;
    }

    /**
     * Connections taken and never given back, per client: response bodies left open and unread (bad); the same
     * bodies closed after a first read, and slow streams read to their end over three times the leak bound (healthy).
     * {@code leak.age} is one second here so a run of a few seconds judges it; the streams left open last ten seconds,
     * longer than any run, so a body left unread cannot end by itself.
     */
    private static void leakPatterns(List<Pattern> p) {
        record Client(String name, String program, Set<Path> paths) {
        }
        List<Client> clients = List.of(new Client("okhttp", "StreamsOkHttp", BOTH),
                new Client("httpclient5-classic", "StreamsHc5", BOTH),
                new Client("httpclient4", "StreamsHc4", AGENT),
                new Client("jdk-httpclient", "StreamsJdk", AGENT),
                new Client("HttpURLConnection", "StreamsUrlConnection", AGENT));
        Servers.Spec longStream = Servers.one(Behaviour.KEEP_ALIVE.streaming(500));
        // Two seconds: still in progress when the code closes it, and short because closing an HttpClient 5 response
        // reads the rest of the stream to keep the connection (a ten-second stream made that pattern take 80 s).
        Servers.Spec shortStream = Servers.one(Behaviour.KEEP_ALIVE.streaming(100));
        for (Client c : clients) {
            String id = c.program.substring("Streams".length()).toLowerCase(java.util.Locale.ROOT);
            p.add(bad("bodies-left-open-" + id, c.name, c.program, c.paths, longStream, LEAK,
                    "corpusapp." + c.program + ".lambda$main$", "{url}", "leak", "4", "2500").withJvm(LEAK_AGE));
            p.add(healthy("bodies-closed-early-" + id, c.name, c.program, c.paths, shortStream,
                    "{url}", "close", "8", "2500").withJvm(LEAK_AGE));
            p.add(healthy("slow-streams-read-" + id, c.name, c.program, c.paths,
                    Servers.one(Behaviour.KEEP_ALIVE.streaming(150)), "{url}", "stream", "4", "500")
                    .withJvm(LEAK_AGE));
        }
    }

    private static Pattern healthy(String id, String client, String program, Set<Path> paths, Servers.Spec servers,
                                   String... args) {
        return new Pattern(id, client, "corpusapp." + program, List.of(args), List.of(), servers, Set.of(), null,
                paths, 17, false);
    }

    private static Pattern bad(String id, String client, String program, Set<Path> paths, Servers.Spec servers,
                               String finding, String site, String... args) {
        return new Pattern(id, client, "corpusapp." + program, List.of(args), List.of(), servers, Set.of(finding),
                site, paths, 17, false);
    }
}

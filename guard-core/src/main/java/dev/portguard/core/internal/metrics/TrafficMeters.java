package dev.portguard.core.internal.metrics;

import dev.portguard.core.internal.ledger.Ledger;
import dev.portguard.core.internal.ledger.TrafficCounts;
import dev.portguard.core.internal.ledger.TrafficView;
import dev.portguard.core.metrics.GuardMeter.Tag;
import dev.portguard.core.spi.Endpoints;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * Traffic meters: per destination, per (site, destination) pair (at most {@code max.sites} pairs, the rest folded
 * into {@code portguard.site="(other)"} per destination so a sum over sites is the destination's total), clients
 * per site, and open connections where the client tells us. Readers hold the ledger's live counters.
 */
final class TrafficMeters {
    private final Ledger ledger;
    private final int maxPairs;
    /** Pairs given their own series, in the order first listed; grow-only so a series never changes meaning. */
    private final Set<TrafficCounts> listed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, List<TrafficCounts>> listedByDestination = new ConcurrentHashMap<>();

    TrafficMeters(Ledger ledger, int maxPairs) {
        this.ledger = ledger;
        this.maxPairs = maxPairs;
    }

    synchronized void addTo(MeterList out) {
        Map<String, TrafficCounts> destinationTotals = new java.util.HashMap<>();
        for (TrafficView.Destination d : ledger.trafficByDestination()) {
            destinationTotals.put(d.destination(), d.counts());
            destination(out, d);
        }
        Set<String> folded = new java.util.TreeSet<>();
        for (TrafficView.Site s : ledger.trafficBySite()) {
            java.util.function.LongSupplier created = s.poolsCreated();
            out.counter("portguard.site.clients", "Client pools created at the site",
                    List.of(new Tag("portguard.site", s.site()), new Tag("portguard.client.kind", s.kind())),
                    () -> created.getAsLong());
            for (TrafficView.Route r : s.routes()) {
                if (list(r)) {
                    pair(out, r.site(), r.destination(), r.counts());
                } else {
                    folded.add(r.destination());
                }
            }
        }
        for (String destination : folded) {
            TrafficCounts total = destinationTotals.get(destination);
            if (total != null) {
                pair(out, Endpoints.OTHER, destination, new Remainder(total,
                        listedByDestination.getOrDefault(destination, List.of())));
            }
        }
    }

    /** Whether the pair has (or now gets) its own series. The ledger's own overflow site never does. */
    private boolean list(TrafficView.Route r) {
        if (Endpoints.OTHER.equals(r.site())) {
            return false;
        }
        if (listed.contains(r.counts())) {
            return true;
        }
        if (listed.size() >= maxPairs) {
            return false;
        }
        listed.add(r.counts());
        listedByDestination.computeIfAbsent(r.destination(), k -> new CopyOnWriteArrayList<>()).add(r.counts());
        return true;
    }

    private static void destination(MeterList out, TrafficView.Destination d) {
        List<Tag> server = MeterList.server(d.destination());
        List<Tag> tags = new ArrayList<>(server);
        tags.add(new Tag("destination", d.destination()));
        TrafficCounts c = d.counts();
        out.counter("portguard.requests", "Requests started", tags, () -> c.requests());
        out.counter("portguard.connections.opened", "New TCP connections established", tags, () -> c.opened());
        out.counter("portguard.connections.reused", "Requests served without opening a connection", tags,
                () -> c.reused());
        out.counter("portguard.connect.failures", "Connect attempts that failed", tags, () -> c.connectFailures());
        out.counter("portguard.connect.timeouts", "Connect attempts that timed out", tags,
                () -> c.connectTimeouts());
        var ports = d.watched().ports();
        out.counter("portguard.connect.timeouts.with.headroom",
                "Connect timeouts while local port headroom was fine (SNAT symptom)", server,
                () -> ports.timeoutsWithHeadroom());
        out.counter("portguard.connection.close", "Requests and responses that carried Connection: close", server,
                () -> c.keepAliveRefusals());
        if (d.tellsConnectionState()) {
            out.gauge("http.client.open_connections", null, "Open HTTP client connections",
                    with(server, "http.connection.state", "active"), () -> c.inUse());
            out.gauge("http.client.open_connections", null, "Open HTTP client connections",
                    with(server, "http.connection.state", "idle"),
                    () -> Math.max(0, c.opened() - c.closed() - c.inUse()));
        }
    }

    private static void pair(MeterList out, String site, String destination, TrafficCounts c) {
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag("portguard.site", site));
        tags.addAll(MeterList.server(destination));
        out.counter("portguard.site.requests", "Requests started, by creation site", tags, () -> c.requests());
        out.counter("portguard.site.connections.opened", "New TCP connections established, by creation site", tags,
                () -> c.opened());
        out.counter("portguard.site.connections.reused", "Requests served without opening a connection, by"
                + " creation site", tags, () -> c.reused());
        out.counter("portguard.site.connect.failures", "Connect attempts that failed, by creation site", tags,
                () -> c.connectFailures());
        out.counter("portguard.site.connect.timeouts", "Connect attempts that timed out, by creation site", tags,
                () -> c.connectTimeouts());
        out.counter("portguard.site.connection.close", "Requests and responses that carried Connection: close, by"
                + " creation site", tags, () -> c.keepAliveRefusals());
    }

    private static List<Tag> with(List<Tag> tags, String key, String value) {
        List<Tag> all = new ArrayList<>();
        all.add(new Tag(key, value));
        all.addAll(tags);
        return all;
    }

    /**
     * A destination's total minus its listed pairs, read at scrape time from a list that only grows: the sites
     * past {@code max.sites} pairs, together.
     */
    private record Remainder(TrafficCounts total, List<TrafficCounts> listed) implements TrafficCounts {
        private long rest(ToLongFunction<TrafficCounts> f) {
            long sum = f.applyAsLong(total);
            for (TrafficCounts c : listed) {
                sum -= f.applyAsLong(c);
            }
            return Math.max(0, sum);
        }

        @Override
        public long requests() {
            return rest(TrafficCounts::requests);
        }

        @Override
        public long opened() {
            return rest(TrafficCounts::opened);
        }

        @Override
        public long reused() {
            return rest(TrafficCounts::reused);
        }

        @Override
        public long closed() {
            return rest(TrafficCounts::closed);
        }

        @Override
        public long closedByClient() {
            return rest(TrafficCounts::closedByClient);
        }

        @Override
        public long connectFailures() {
            return rest(TrafficCounts::connectFailures);
        }

        @Override
        public long connectTimeouts() {
            return rest(TrafficCounts::connectTimeouts);
        }

        @Override
        public long requestCloses() {
            return rest(TrafficCounts::requestCloses);
        }

        @Override
        public long responseCloses() {
            return rest(TrafficCounts::responseCloses);
        }

        @Override
        public long keepAliveRefusals() {
            return rest(TrafficCounts::keepAliveRefusals);
        }

        @Override
        public long inUse() {
            return 0;
        }
    }
}

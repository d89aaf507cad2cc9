package dev.portguard.core.internal.detect;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;

import java.util.Map;

/**
 * A shared pool that would keep its connections, used by callers one at a time with pauses between requests, yet
 * opening a new connection for most of them, while the connections it opened keep being closed: the server (or a
 * proxy) closes them while they sit idle, before the client comes back. Sharing the client, the usual advice, is
 * already done; the cure is a keep-alive timeout that outlives the pause, on one side or the other.
 *
 * <p>Told apart from the other causes by what they lack: keep-alive is not refused (no {@code Connection: close},
 * a pool that keeps idle connections), one pool serves the requests (not a client per request), and the requests
 * that found no live connection came at least {@link #PAUSE_NANOS} apart, so each had an idle connection to find.
 * Unclosed responses also make a new connection per request, but their connections stay open: at least half of
 * the connections opened must have been closed again.
 */
final class ServerClosesIdleDetector implements Detector {
    /** Requests closer together than this leave no time for an idle timeout; a quarter second is below any server's. */
    static final long PAUSE_NANOS = 250_000_000L;

    @Override
    public FindingType type() {
        return FindingType.SERVER_CLOSES_IDLE;
    }

    @Override
    public boolean applies(RouteView route, GuardConfig config) {
        RouteCounts c = route.counts();
        long requests = c.requests();
        if (requests < config.minRequests() || route.settings().maxIdle() == 0
                || Evidence.ratio(c.keepAliveRefusals(), requests) >= config.newConnectionRatio()) {
            return false; // too early, or keep-alive is refused: another detector's case
        }
        long opened = c.opened();
        return Evidence.ratio(Evidence.openedBeyondConcurrency(route), requests) > config.newConnectionRatio()
                && 2 * c.closed() >= opened
                && c.openGaps() >= config.minRequests() / 2
                && c.shortestOpenGapNanos() >= PAUSE_NANOS;
    }

    @Override
    public Finding describe(RaisedPoolFinding raised, GuardConfig config) {
        RouteCounts c = raised.route;
        long gaps = c.openGaps();
        long averageGap = gaps == 0 ? 0 : c.openGapNanosTotal() / gaps;
        Map<String, Object> evidence = Evidence.of(raised);
        evidence.put("averageSecondsBetweenRequests", Double.valueOf(Evidence.seconds(averageGap)));
        evidence.put("shortestSecondsBetweenRequests", Double.valueOf(Evidence.seconds(c.shortestOpenGapNanos())));
        evidence.put("requestsPerConnection", Math.round(100 * Evidence.ratio(c.requests(), c.opened())) / 100.0);
        String message = c.requests() + " requests to " + raised.destination() + " opened " + c.opened()
                + " connections although one client sends them and its pool keeps idle connections: the requests"
                + " came " + Evidence.seconds(averageGap) + " s apart on average (never less than "
                + Evidence.seconds(c.shortestOpenGapNanos()) + " s), and each connection lived no longer than that,"
                + " serving " + Math.round(100 * Evidence.ratio(c.requests(), c.opened())) / 100.0 + " requests, before it was closed while"
                + " idle (" + c.closed() + " closed). The server, or a proxy in front of it, closes idle connections"
                + " sooner than the client comes back; each new connection keeps a local port "
                + Evidence.portHold(c) + " after it closes.";
        return new Finding(type(), raised.destination(), raised.site(), message,
                raised.kind.advice(type()), evidence);
    }
}

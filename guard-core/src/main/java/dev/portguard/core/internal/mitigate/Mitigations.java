package dev.portguard.core.internal.mitigate;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardMode;
import dev.portguard.core.MitigateScope;
import dev.portguard.core.PoolSiteCounts;
import dev.portguard.core.SiteMitigation;
import dev.portguard.core.internal.ledger.Ledger;
import dev.portguard.core.internal.ledger.SiteTraffic;
import dev.portguard.core.internal.publish.Publisher;
import dev.portguard.core.internal.sites.SiteCapture;
import dev.portguard.core.spi.ClientKind;
import dev.portguard.core.spi.Mitigation;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mitigate mode for one guard. A site is shared once a {@code NEW_CLIENT_PER_REQUEST} finding names it (or, with
 * {@code mitigate=all}, once it built more than {@code mitigate.after} clients); the integration then says what it
 * did, and the site's counts at that moment are kept so the report can show connections opened before and after.
 * Bounded: at most {@code max.sites} sites are remembered, as the ledger counts at most that many.
 */
public final class Mitigations implements Mitigation {
    private final GuardConfig config;
    private final Ledger ledger;
    private final Publisher publisher;
    private final boolean on;
    private final Set<String> perRequestSites = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Decision> decisions = new ConcurrentHashMap<>();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    private volatile Runnable onDecision = () -> { };

    public Mitigations(GuardConfig config, Ledger ledger, Publisher publisher) {
        this.config = config;
        this.ledger = ledger;
        this.publisher = publisher;
        this.on = config.mode() == GuardMode.MITIGATE;
    }

    /** What the integrations see: this, or the null object outside mitigate mode. */
    public Mitigation view() {
        return on ? this : Mitigation.NONE;
    }

    /**
     * A finding was raised: a site found building a client per request is shared from its next client on; a site
     * whose code turned keep-alive off is never shared (that was the code's choice), and the report says so.
     */
    public void found(Finding finding) {
        if (!on || finding.site() == null) {
            return;
        }
        if (finding.type() == FindingType.NEW_CLIENT_PER_REQUEST && perRequestSites.size() <= config.maxSites()) {
            perRequestSites.add(finding.site());
            return;
        }
        Object client = finding.evidence().get("client");
        // HttpURLConnection shares one keep-alive cache already: what defeats it is the code's own choice
        boolean urlConnection = "httpurlconnection".equals(client)
                && finding.type() == FindingType.NEW_CONNECTION_PER_REQUEST;
        if (finding.type() == FindingType.KEEP_ALIVE_DISABLED || urlConnection) {
            decideLeftAlone(finding.site(), client == null ? "client" : client.toString(), "the code turned"
                    + " keep-alive off (http.keepAlive=false, Connection: close, or a pool keeping no idle"
                    + " connections): mitigate mode leaves that as written");
        }
    }

    @Override
    public boolean active() {
        return on;
    }

    @Override
    public String siteOfCaller() {
        return SiteCapture.now().site();
    }

    @Override
    public boolean shares(String site) {
        if (!on || site == null) {
            return false;
        }
        Decision decided = decisions.get(site);
        if (decided != null) {
            return decided.mitigated;
        }
        if (config.mitigate() == MitigateScope.ALL) {
            // asked before the client being built has a pool: the site built this many as the code wrote them
            return ledger.siteTraffic(site).poolsCreated() >= config.mitigateAfter();
        }
        return perRequestSites.contains(site);
    }

    @Override
    public int observedConcurrency(String site) {
        return Math.max(1, ledger.siteTraffic(site).peakInUse());
    }

    @Override
    public void sharing(String site, ClientKind kind, int poolSize) {
        if (!on || site == null) {
            return;
        }
        Decision d = decisions.get(site);
        if (d == null && decisions.size() <= config.maxSites()) {
            SiteTraffic before = ledger.siteTraffic(site);
            Decision mine = new Decision(kind.name(), true, null, poolSize, before, new AtomicLong());
            d = decisions.putIfAbsent(site, mine);
            if (d == null) {
                d = mine;
                onDecision.run();
                publisher.note(Level.WARNING, "PortGuard mitigating: clients built at " + site + " (" + kind.name()
                        + ") now share one connection pool" + (poolSize > 0 ? " keeping " + poolSize
                        + " connections" : "") + " (it had opened " + before.opened() + " connections for "
                        + before.requests() + " requests); the code still builds a client per request and needs"
                        + " the fix");
            }
        }
        if (d != null) {
            d.clientsShared.incrementAndGet();
        }
    }

    @Override
    public void leftAlone(String site, ClientKind kind, String reason) {
        decideLeftAlone(site, kind.name(), reason);
    }

    private void decideLeftAlone(String site, String client, String reason) {
        if (!on || site == null || decisions.containsKey(site) || decisions.size() > config.maxSites()) {
            return;
        }
        if (decisions.putIfAbsent(site, new Decision(client, false, reason, 0, SiteTraffic.NONE, new AtomicLong()))
                == null) {
            onDecision.run();
            publisher.note(Level.WARNING, "PortGuard not mitigating clients built at " + site + " (" + client
                    + "): " + reason);
        }
    }

    @Override
    public void unsupported(String client, String why) {
        if (on && unsupported.size() < 64 && unsupported.add(client)) {
            publisher.note(Level.WARNING, "PortGuard cannot mitigate " + client + " (" + why
                    + "); its clients are observed only");
        }
    }

    /** Tells {@code listener} (the meters) when a site is decided: rare, at most once per site. */
    public void onDecision(Runnable listener) {
        onDecision = listener;
    }

    /** One decided site, read live: for the meters. */
    public record Site(String site, String client, boolean mitigated, int sharedPoolSize,
                       java.util.function.LongSupplier connectionsSaved) {
    }

    /** Every decided site, its saved connections read at each call. */
    public List<Site> sites() {
        List<Site> list = new ArrayList<>(decisions.size());
        decisions.forEach((site, d) -> list.add(new Site(site, d.client, d.mitigated, d.poolSize,
                () -> d.now(ledger.siteTraffic(site)).connectionsSaved())));
        return list;
    }

    /** The sites' counts with what mitigate mode did at each. */
    public List<PoolSiteCounts> describe(List<PoolSiteCounts> sites) {
        if (decisions.isEmpty()) {
            return sites;
        }
        List<PoolSiteCounts> described = new ArrayList<>(sites.size());
        for (PoolSiteCounts s : sites) {
            Decision d = decisions.get(s.site());
            described.add(d == null ? s : s.withMitigation(d.now(ledger.siteTraffic(s.site()))));
        }
        return described;
    }

    /** What was decided for a site, with its counts at that moment and the clients served shared since. */
    private record Decision(String client, boolean mitigated, String reason, int poolSize, SiteTraffic before,
                            AtomicLong clientsShared) {
        SiteMitigation now(SiteTraffic now) {
            return new SiteMitigation(mitigated, reason, poolSize, clientsShared.get(), before.requests(),
                    before.opened(), Math.max(0, now.requests() - before.requests()),
                    Math.max(0, now.opened() - before.opened()));
        }
    }
}

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
import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.Mitigation;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mitigate mode for one guard. A site is shared once a {@code NEW_CLIENT_PER_REQUEST} finding names it (or, with
 * {@code mitigate=all}, once it built more than {@code mitigate.after} clients); the integration then says what it
 * did, and the site's counts at that moment are kept so the report can show connections opened before and after.
 * Bounded: sites are already capped by the ledger ({@code max.sites} plus {@code (other)}).
 */
public final class Mitigations implements Mitigation {
    private final GuardConfig config;
    private final Ledger ledger;
    private final Publisher publisher;
    private final boolean on;
    private final Set<String> perRequestSites = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Decision> decisions = new ConcurrentHashMap<>();
    private final Set<String> unsupported = ConcurrentHashMap.newKeySet();

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

    /** A finding was raised: a site found building a client per request is shared from its next client on. */
    public void found(Finding finding) {
        if (on && finding.type() == FindingType.NEW_CLIENT_PER_REQUEST && finding.site() != null
                && perRequestSites.size() <= config.maxSites()) {
            perRequestSites.add(finding.site());
        }
    }

    @Override
    public boolean shares(ClientPool pool) {
        if (!on || pool == null) {
            return false;
        }
        String site = pool.site();
        Decision decided = decisions.get(site);
        if (decided != null) {
            return decided.mitigated;
        }
        if (config.mitigate() == MitigateScope.ALL) {
            return ledger.siteTraffic(site).poolsCreated() > config.mitigateAfter();
        }
        return perRequestSites.contains(site);
    }

    @Override
    public int observedConcurrency(ClientPool pool) {
        return Math.max(1, ledger.siteTraffic(pool.site()).peakInUse());
    }

    @Override
    public void sharing(ClientPool pool, int poolSize) {
        if (!on || decisions.containsKey(pool.site())) {
            return;
        }
        SiteTraffic before = ledger.siteTraffic(pool.site());
        if (decisions.putIfAbsent(pool.site(), new Decision(true, null, poolSize, before)) == null) {
            publisher.note(Level.WARNING, "PortGuard mitigating: clients built at " + pool.site() + " ("
                    + pool.kind().name() + ") now share one connection pool keeping " + poolSize
                    + " connections (it had opened " + before.opened() + " for " + before.requests()
                    + " requests); the code still builds a client per request and needs the fix");
        }
    }

    @Override
    public void leftAlone(ClientPool pool, String reason) {
        if (!on || decisions.containsKey(pool.site())) {
            return;
        }
        if (decisions.putIfAbsent(pool.site(), new Decision(false, reason, 0, SiteTraffic.NONE)) == null) {
            publisher.note(Level.WARNING, "PortGuard not mitigating clients built at " + pool.site() + " ("
                    + pool.kind().name() + "): " + reason);
        }
    }

    @Override
    public void unsupported(String client, String why) {
        if (on && unsupported.size() < 64 && unsupported.add(client)) {
            publisher.note(Level.WARNING, "PortGuard cannot mitigate " + client + " (" + why
                    + "); its clients are observed only");
        }
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

    /** What was decided for a site, with its counts at that moment. */
    private record Decision(boolean mitigated, String reason, int poolSize, SiteTraffic before) {
        SiteMitigation now(SiteTraffic now) {
            return new SiteMitigation(mitigated, reason, poolSize, before.requests(), before.opened(),
                    Math.max(0, now.requests() - before.requests()), Math.max(0, now.opened() - before.opened()));
        }
    }
}

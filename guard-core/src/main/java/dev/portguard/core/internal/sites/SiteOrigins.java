package dev.portguard.core.internal.sites;

import dev.portguard.core.Finding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sites found inside a dependency, by site, bounded like the sites themselves; and how a finding at such a site
 * reads: which artifact, which application frame called it, and that the fix belongs to that library.
 */
public final class SiteOrigins {
    private final ConcurrentHashMap<String, SiteOrigin> bySite = new ConcurrentHashMap<>();
    private final int max;

    public SiteOrigins(int max) {
        this.max = max;
    }

    /** Records where {@code site} comes from; the first pool created there decides. */
    public void remember(String site, SiteOrigin origin) {
        if (origin != null && bySite.size() < max) {
            bySite.putIfAbsent(site, origin);
        }
    }

    /** {@code finding} as it reads for its site: unchanged for the application's own code. */
    public Finding describe(Finding finding) {
        SiteOrigin origin = finding.site() == null ? null : bySite.get(finding.site());
        if (origin == null) {
            return finding;
        }
        Map<String, Object> evidence = new LinkedHashMap<>(finding.evidence());
        evidence.put("siteArtifact", origin.artifact());
        if (origin.calledFrom() != null) {
            evidence.put("calledFrom", origin.calledFrom());
        }
        String advice = "This site is inside " + origin.artifact()
                + (origin.calledFrom() == null ? "" : ", called from " + origin.calledFrom())
                + ": the fix is in that library, not in your code. Upgrade it to a version that reuses its client,"
                + " or use its own way to pass in or reuse one (a shared client or session). What the library should"
                + " do: " + finding.advice();
        return new Finding(finding.type(), finding.destination(), finding.site(), finding.message(), advice,
                evidence);
    }
}

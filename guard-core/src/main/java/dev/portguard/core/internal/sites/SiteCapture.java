package dev.portguard.core.internal.sites;

import dev.portguard.core.spi.CallSites;

import java.util.Iterator;
import java.util.Optional;

/**
 * One stack walk when a pool is created: the site (as {@link CallSites#capture()} finds it) and, when the site's
 * class comes from a dependency's jar, that artifact and the application frame that called into it.
 */
public final class SiteCapture {
    /** Frames looked at past the site for the application's own, a bound on a rare walk. */
    private static final int DEPTH = 64;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String site;
    private final SiteOrigin origin;

    private SiteCapture(String site, SiteOrigin origin) {
        this.site = site;
        this.origin = origin;
    }

    public String site() {
        return site;
    }

    /** The dependency the site is in, or {@code null} for the application's own code. */
    public SiteOrigin origin() {
        return origin;
    }

    public static SiteCapture now() {
        try {
            return WALKER.walk(frames -> {
                Iterator<StackWalker.StackFrame> it = frames.iterator();
                while (it.hasNext()) {
                    StackWalker.StackFrame f = it.next();
                    if (CallSites.isLibrary(f.getClassName())) {
                        continue;
                    }
                    String site = CallSites.format(f);
                    Optional<String> artifact = Artifacts.of(f.getDeclaringClass());
                    if (artifact.isEmpty()) {
                        return new SiteCapture(site, null);
                    }
                    return new SiteCapture(site, new SiteOrigin(artifact.get(), applicationCaller(it)));
                }
                return new SiteCapture(CallSites.UNKNOWN, null);
            });
        } catch (RuntimeException | LinkageError e) {
            return new SiteCapture(CallSites.capture(), null);
        }
    }

    private static String applicationCaller(Iterator<StackWalker.StackFrame> below) {
        for (int i = 0; i < DEPTH && below.hasNext(); i++) {
            StackWalker.StackFrame f = below.next();
            if (!CallSites.isLibrary(f.getClassName()) && Artifacts.of(f.getDeclaringClass()).isEmpty()) {
                return CallSites.format(f);
            }
        }
        return null;
    }
}

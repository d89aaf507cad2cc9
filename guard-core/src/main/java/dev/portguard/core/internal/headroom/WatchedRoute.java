package dev.portguard.core.internal.headroom;

import dev.portguard.core.FindingType;
import dev.portguard.core.spi.ClientKind;

/** One site's traffic to a destination, as port findings name it: where the fix goes. */
public interface WatchedRoute {
    String site();

    ClientKind kind();

    long poolsUsed();

    long opened();

    long requests();

    boolean hasRaised(FindingType type);
}

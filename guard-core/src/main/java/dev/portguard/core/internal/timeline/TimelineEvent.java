package dev.portguard.core.internal.timeline;

import java.time.Instant;

/** A finding, at the moment it was raised: what, toward where, from which code, and the fix. */
public record TimelineEvent(Instant at, String type, String destination, String site, String message,
                            String fix) {
}

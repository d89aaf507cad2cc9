package dev.portguard.core.internal.publish;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;

/**
 * A finding as a stage raises it: kept by the book as live references, so each snapshot shows its evidence as it
 * stands, and raised once per type and subject.
 */
public interface RaisedFinding {
    FindingType type();

    /** What it is about (a site's route to a destination, a destination); compared by identity. */
    Object subject();

    /** The finding with its evidence as it stands now. */
    Finding current();

    /** Pool misuse stops the request in strict mode; port findings describe the host and never throw. */
    boolean poolMisuse();
}

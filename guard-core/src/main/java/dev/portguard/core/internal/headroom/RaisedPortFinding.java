package dev.portguard.core.internal.headroom;

import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.internal.publish.RaisedFinding;

import java.util.function.Supplier;

/** A port finding toward one destination, described from the latest reading whenever it is shown. */
record RaisedPortFinding(FindingType type, WatchedDestination destination, Supplier<HostPorts> latest)
        implements RaisedFinding {
    @Override
    public Object subject() {
        return destination;
    }

    @Override
    public Finding current() {
        return PortFindings.describe(type, destination, latest.get());
    }

    @Override
    public boolean poolMisuse() {
        return false;
    }
}

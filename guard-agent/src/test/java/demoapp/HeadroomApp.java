package demoapp;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortHeadroomProbe;

import java.nio.file.Path;
import java.util.TreeMap;

/**
 * A small guarded application: a guard built from the environment (library mode) reads the host's headroom, a
 * full probe reads the socket tables, and the guard writes its report to {@code args[0]}; prints what it saw.
 */
public final class HeadroomApp {
    public static void main(String[] args) throws Exception {
        PortGuard guard = PortGuard.create(GuardConfig.fromEnvironment(p -> System.out.println("config: " + p)));
        HostPorts viaGuard = guard.refreshHeadroom();
        HostPorts full = PortHeadroomProbe.ofHost().read();
        System.out.println("guard.available=" + viaGuard.available());
        System.out.println("range=" + full.portRange());
        System.out.println("remotes=" + full.remotes().size());
        System.out.println("malformed=" + full.malformedLines());
        System.out.println("unknown=" + new TreeMap<>(full.unknown()));
        guard.writeReport(Path.of(args[0]));
        System.out.println("done");
    }
}

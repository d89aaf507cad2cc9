package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Bridge;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Advice inlined into JDK classes calls the bridge, which sits in the boot loader's unnamed module; named modules
 * read no unnamed module unless told to. This adds just those read edges (no exports, no opens).
 */
final class JdkModules {
    private JdkModules() {
    }

    static void letReachBridge(Instrumentation instrumentation) {
        Module bridge = Bridge.class.getModule();
        for (String name : new String[] {"java.base", "java.net.http"}) {
            Optional<Module> module = ModuleLayer.boot().findModule(name);
            if (module.isPresent() && instrumentation.isModifiableModule(module.get())) {
                instrumentation.redefineModule(module.get(), Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }
    }
}

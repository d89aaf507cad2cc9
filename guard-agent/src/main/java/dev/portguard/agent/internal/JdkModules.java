package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Bridge;
import dev.portguard.agent.internal.clients.jdkhttp.JdkHttpClients;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Advice inlined into JDK classes calls the bridge, which sits in the boot loader's unnamed module; named modules
 * read no unnamed module unless told to. This adds just those read edges, and one opening: java.net.http's
 * implementation package to the agent alone, which reads two fields of a send to tell its first exchange from the
 * redirects and retries that follow (see {@link JdkHttpClients}).
 */
final class JdkModules {
    private JdkModules() {
    }

    static void letReachBridge(Instrumentation instrumentation) {
        Module bridge = Bridge.class.getModule();
        for (String name : new String[] {"java.base", "java.net.http"}) {
            Optional<Module> module = ModuleLayer.boot().findModule(name);
            if (module.isPresent() && instrumentation.isModifiableModule(module.get())) {
                Map<String, Set<Module>> opens = name.equals("java.net.http")
                        && module.get().getPackages().contains(JdkHttpClients.INTERNAL_PACKAGE)
                        ? Map.of(JdkHttpClients.INTERNAL_PACKAGE, Set.of(JdkModules.class.getModule())) : Map.of();
                instrumentation.redefineModule(module.get(), Set.of(bridge), Map.of(), opens, Set.of(), Map.of());
            }
        }
    }
}

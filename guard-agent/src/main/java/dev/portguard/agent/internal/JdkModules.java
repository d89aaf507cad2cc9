package dev.portguard.agent.internal;

import dev.portguard.agent.bootstrap.Bridge;
import dev.portguard.agent.internal.clients.jdkhttp.JdkHttpClients;
import dev.portguard.agent.internal.clients.urlconnection.UrlConnections;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Advice inlined into JDK classes calls the bridge, which sits in the boot loader's unnamed module; named modules
 * read no unnamed module unless told to. This adds just those read edges, and two openings, each to the agent
 * alone: java.net.http's implementation package, whose sends and exchanges the agent reads a few fields of (see
 * {@link JdkHttpClients}), and HttpURLConnection's connection package, to ask a connection whether it is kept alive
 * (see {@link UrlConnections}).
 */
final class JdkModules {
    private JdkModules() {
    }

    static void letReachBridge(Instrumentation instrumentation) {
        Module bridge = Bridge.class.getModule();
        for (String name : new String[] {"java.base", "java.net.http"}) {
            Optional<Module> module = ModuleLayer.boot().findModule(name);
            if (module.isPresent() && instrumentation.isModifiableModule(module.get())) {
                String internal = name.equals("java.net.http") ? JdkHttpClients.INTERNAL_PACKAGE
                        : UrlConnections.INTERNAL_PACKAGE;
                Map<String, Set<Module>> opens = module.get().getPackages().contains(internal)
                        ? Map.of(internal, Set.of(JdkModules.class.getModule())) : Map.of();
                instrumentation.redefineModule(module.get(), Set.of(bridge), Map.of(), opens, Set.of(), Map.of());
            }
        }
    }
}

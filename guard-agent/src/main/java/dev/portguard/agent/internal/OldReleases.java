package dev.portguard.agent.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases of a covered library too old to have the classes the agent weaves. Without a check, nothing the agent
 * advises would ever load for them, so the library would run unguarded without a word. Each check names a class
 * that every release of the library has and loads whenever the library is used (the trigger); when the trigger
 * loads, the class the agent's seams need is looked up as a resource through the trigger's class loader (no class
 * is loaded, nothing reaches the application) and, if it is not there, the release is older than the agent supports.
 */
final class OldReleases {
    /**
     * @param trigger   binary name of a class every release has, seen by the gate as it loads
     * @param library   the library, as {@link Targets} names it
     * @param needs     resource of the class the agent weaves, or null: the trigger's package is a release line
     *                  the agent never supports
     * @param libraryIs resource that shows the library's implementation is in the trigger's loader at all (null:
     *                  the trigger's own jar holds {@code needs}); without it nothing could be guarded anyway
     * @param oldest    the oldest release tested
     * @param why       what the release lacks, and which release first has it
     * @param unguarded what goes uncounted
     */
    record Check(String trigger, String library, String needs, String libraryIs, String oldest, String why,
                 String unguarded) {
        /** Whether the release in {@code loader} has what the agent weaves; never throws (then: supported). */
        boolean supported(ClassLoader loader) {
            if (needs == null) {
                return false;
            }
            if (loader == null) {
                return true;
            }
            try {
                return loader.getResource(needs) != null
                        || libraryIs != null && loader.getResource(libraryIs) == null;
            } catch (Throwable t) {
                return true; // cannot tell: weave as usual
            }
        }

        /** The one line said for the library. */
        String line() {
            return library + ": this release is older than the oldest this agent supports (" + oldest
                    + " is the oldest tested; " + why + "); not guarding " + unguarded;
        }
    }

    static final String GRPC_BUILDER_API = "io.grpc.ManagedChannelBuilder";
    static final String HC4_ANY_CLIENT = "org.apache.http.impl.client.AbstractHttpClient";
    static final String OKHTTP2_CLIENT = "com.squareup.okhttp.OkHttpClient";
    static final String ASYNC_HTTP1_CLIENT = "com.ning.http.client.AsyncHttpClient";
    static final String REACTOR_NETTY07_CLIENT = "reactor.ipc.netty.http.client.HttpClient";

    static final List<Check> ALL = List.of(
            // every channel builder is one (grpc-api); ManagedChannelImplBuilder is grpc-core's since 1.33.0, and
            // GrpcUtil is in every grpc-core: grpc-api alone builds no channel
            new Check(GRPC_BUILDER_API, Targets.GRPC, resource(Targets.GRPC_CHANNEL_BUILDER),
                    "io/grpc/internal/GrpcUtil.class", "1.76.0",
                    "it lacks " + Targets.GRPC_CHANNEL_BUILDER + ", whose build() the agent advises, from 1.33.0 on",
                    "its channels"),
            // Jetty 9 to 11 have an HttpClient of the same name, but not the destinations and pools of Jetty 12
            new Check(Targets.JETTY_CLIENT, Targets.JETTY, resource(Targets.JETTY_DESTINATION), null, "12.0.0",
                    "it lacks " + Targets.JETTY_DESTINATION + ", which the agent advises, from 12.0.0 on",
                    "its clients"),
            // 4.0 to 4.2: DefaultHttpClient and friends, all built on AbstractHttpClient; the builder and pool the
            // agent advises came in 4.3
            new Check(HC4_ANY_CLIENT, Targets.HTTPCLIENT4, resource(Targets.HC4_BUILDER), null, "4.5.14",
                    "it lacks " + Targets.HC4_BUILDER + " and " + Targets.HC4_MANAGER + ", which the agent advises,"
                            + " from 4.3 on", "its clients"),
            new Check(OKHTTP2_CLIENT, Targets.OKHTTP, null, null, "4.12.0",
                    "com.squareup.okhttp is OkHttp 2; the agent advises " + Targets.OKHTTP_CLIENT + ", from 3.0.0 on",
                    "its clients"),
            new Check(ASYNC_HTTP1_CLIENT, Targets.ASYNC_HTTP, null, null, "2.1.0",
                    "com.ning.http.client is AsyncHttpClient 1.x; the agent advises org.asynchttpclient's Netty"
                            + " classes, from 2.0.0 on", "its clients"),
            new Check(REACTOR_NETTY07_CLIENT, Targets.REACTOR_NETTY, null, null, "1.2.16",
                    "reactor.ipc.netty is Reactor Netty 0.7; the agent advises reactor.netty.resources, from 0.8 on",
                    "its clients"));

    /** By the trigger's internal name, as the gate is given it. */
    static final Map<String, Check> BY_INTERNAL_NAME = byInternalName();

    private OldReleases() {
    }

    private static Map<String, Check> byInternalName() {
        Map<String, Check> byName = new HashMap<>();
        for (Check c : ALL) {
            byName.put(c.trigger().replace('.', '/'), c);
        }
        return Map.copyOf(byName);
    }

    private static String resource(String binaryName) {
        return binaryName.replace('.', '/') + ".class";
    }
}

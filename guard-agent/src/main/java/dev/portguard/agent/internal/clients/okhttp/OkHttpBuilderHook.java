package dev.portguard.agent.internal.clients.okhttp;

import dev.portguard.core.PortGuard;
import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.OkHttpClient;

/**
 * Guards an OkHttp builder with guard-okhttp. Defined once per application class loader that holds OkHttp, by a
 * {@code HelperLoader}, so it links against that loader's OkHttp; the guard itself is the agent's one instance.
 */
public final class OkHttpBuilderHook {
    private OkHttpBuilderHook() {
    }

    public static void guard(Object builder) {
        OkHttpGuard.using(PortGuard.global()).guard((OkHttpClient.Builder) builder);
    }
}

package dev.portguard.it.junit.examples;

import dev.portguard.core.FindingType;
import dev.portguard.junit.PortGuardExtension;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings in code, through {@code @RegisterExtension}. */
public class RegisteredExamples {
    @RegisterExtension
    static PortGuardExtension guard = PortGuardExtension.allowing(FindingType.KEEP_ALIVE_DISABLED)
            .maxConnectionsPerRequest(0.5);

    @Test
    void keepAliveOffIsAllowedButTheLimitIsNot() throws Exception {
        OkHttpClient client = PriceService.noIdleClient();
        for (int i = 0; i < 30; i++) {
            Http.get(client);
        }
    }

    @Test
    void sharedClient() throws Exception {
        for (int i = 0; i < 30; i++) {
            PriceService.fetchWithSharedClient();
        }
    }
}

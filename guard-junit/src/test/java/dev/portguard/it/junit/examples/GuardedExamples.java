package dev.portguard.it.junit.examples;

import dev.portguard.core.FindingType;
import dev.portguard.junit.PoolExpectations;
import dev.portguard.junit.PortGuardExtension;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.fail;

/** Tests as a user writes them; run by {@code PortGuardExtensionTest} through the JUnit Platform. */
@ExtendWith(PortGuardExtension.class)
public class GuardedExamples {

    @Test
    void newClientPerCall() throws Exception {
        for (int i = 0; i < 30; i++) {
            PriceService.fetchWithNewClient();
        }
    }

    @Test
    void sharedClient() throws Exception {
        for (int i = 0; i < 30; i++) {
            PriceService.fetchWithSharedClient();
        }
    }

    @Test
    @PoolExpectations(maxConnectionsPerRequest = 0.1)
    void fewRequestsOverTheLimit() throws Exception {
        OkHttpClient client = PriceService.noIdleClient();
        for (int i = 0; i < 5; i++) {
            Http.get(client);
        }
    }

    @Test
    @PoolExpectations(maxConnectionsPerRequest = 1.0)
    void fewRequestsWithinTheLimit() throws Exception {
        OkHttpClient client = PriceService.noIdleClient();
        for (int i = 0; i < 5; i++) {
            Http.get(client);
        }
    }

    @Test
    @PoolExpectations(allow = FindingType.KEEP_ALIVE_DISABLED)
    void allowedFinding() throws Exception {
        OkHttpClient client = PriceService.noIdleClient();
        for (int i = 0; i < 30; i++) {
            Http.get(client);
        }
    }

    @Test
    void failsOnItsOwnToo() throws Exception {
        for (int i = 0; i < 30; i++) {
            PriceService.fetchWithNewClient();
        }
        fail("the test's own failure");
    }
}

package dev.portguard.it.junit.examples;

import dev.portguard.junit.PortGuardTest;
import org.junit.jupiter.api.Test;

/** Tests of code that has no PortGuard code: run with the agent attached. */
@PortGuardTest
public class AgentExamples {
    @Test
    void defaultApacheClientPerCall() throws Exception {
        for (int i = 0; i < 30; i++) {
            Catalogue.fetchWithDefaultClient();
        }
    }

    @Test
    void newOkHttpClientPerCall() throws Exception {
        for (int i = 0; i < 30; i++) {
            Catalogue.fetchWithNewOkHttpClient();
        }
    }

    @Test
    void sharedApacheClient() throws Exception {
        for (int i = 0; i < 30; i++) {
            Catalogue.fetchWithSharedClient();
        }
    }
}

package dev.portguard.it.junit.examples;

import org.junit.jupiter.api.Test;

/** No PortGuard annotation: guarded only when the suite switches extension auto-detection on. */
public class UnannotatedExamples {
    @Test
    void newClientPerCall() throws Exception {
        for (int i = 0; i < 30; i++) {
            PriceService.fetchWithNewClient();
        }
    }
}

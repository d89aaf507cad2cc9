package dev.portguard.it.junit.examples;

import dev.portguard.junit.PortGuardExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests of a Reactor Netty application as a user writes them; run by {@code PortGuardExtensionTest}. */
@ExtendWith(PortGuardExtension.class)
public class ReactorExamples {

    @Test
    void providerPerCall() {
        for (int i = 0; i < 30; i++) {
            assertThat(QuoteFeed.fetchWithNewProvider()).isEqualTo("ok");
        }
    }

    @Test
    void sharedClient() {
        for (int i = 0; i < 30; i++) {
            assertThat(QuoteFeed.fetchWithSharedClient()).isEqualTo("ok");
        }
    }
}

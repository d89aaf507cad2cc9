package dev.portguard.it.junitonly.examples;

import dev.portguard.junit.PortGuardExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user's suite: guard-junit on the test class path, one annotation, nothing else. */
@ExtendWith(PortGuardExtension.class)
public class UserSuite {
    @Test
    void okHttpClientPerCall() throws Exception {
        for (int i = 0; i < 100; i++) {
            Quotes.withNewOkHttpClient();
        }
    }

    @Test
    void apacheClientPerCall() throws Exception {
        for (int i = 0; i < 100; i++) {
            Quotes.withDefaultApacheClient();
        }
    }

    @Test
    void sharedClient() throws Exception {
        for (int i = 0; i < 100; i++) {
            Quotes.withSharedOkHttpClient();
        }
    }

    @Test
    void okHttpBodyNeverClosed() throws Exception {
        Quotes.statusLeakingTheBody();
    }

    @Test
    void apacheResponseNeverClosed() throws Exception {
        Quotes.apacheStatusLeakingTheEntity();
    }

    @Test
    void noHttpAtAll() {
        // A guarded test that sends nothing passes without a word.
    }
}

package dev.portguard.agent.internal;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A hook that fails is never silent, and never loud: its first failure is one line, later ones none. */
@ResourceLock(Resources.SYSTEM_ERR) // reads the agent's lines from standard error
class HookCallsTest {
    /**
     * gRPC's hook links against the builder's own gRPC only when called: a builder whose class loader has no gRPC
     * (here a JDK class, from the boot loader) fails there, with a linkage error the application never sees.
     */
    @Test
    void aHookThatFailsToLinkWhenCalledIsSaidOnceNeverPerCall() throws Exception {
        PortGuard guard = PortGuard.create(GuardConfig.defaults());
        PortGuard.installGlobal(guard);
        AgentClients clients = new AgentClients(guard);
        HookCalls calls = new HookCalls();

        List<String> lines = TargetGateTest.agentLines(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(calls.call(clients, Hook.GRPC_CHANNEL_BUILDING.ordinal(), "not a channel builder", null,
                        null))
                        .isNull();
            }
            return null;
        });

        assertThat(lines).singleElement().asString()
                .startsWith("[portguard] gRPC-java: the agent's GRPC_CHANNEL_BUILDING hook failed"
                        + " (java.lang.NoClassDefFoundError: io/grpc/")
                .contains(" at portguard-helper//dev.portguard.agent.internal.clients.grpc.GrpcBuilderHook.guard(")
                .endsWith("); what it would count goes uncounted, and its later failures are not logged");
    }

    @Test
    void aFailureIsDescribedWithoutAMessageThatCouldCarryTheApplicationsData() {
        String described = HookCalls.describe(new IllegalArgumentException("https://host/path?token=secret"));
        assertThat(described).startsWith("java.lang.IllegalArgumentException at ").doesNotContain("secret", "path");
        assertThat(HookCalls.describe(new NoSuchMethodError("io.grpc.Foo.bar()")))
                .startsWith("java.lang.NoSuchMethodError: io.grpc.Foo.bar() at ");
    }
}

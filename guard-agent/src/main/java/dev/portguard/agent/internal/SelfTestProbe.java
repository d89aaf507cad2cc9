package dev.portguard.agent.internal;

/** The install self-test's target: the agent instruments {@link #touch()} like any library method. */
final class SelfTestProbe {
    private SelfTestProbe() {
    }

    static void touch() {
        // empty: the advice is what runs
    }
}

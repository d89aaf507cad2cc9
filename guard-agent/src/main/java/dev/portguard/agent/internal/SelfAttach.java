package dev.portguard.agent.internal;

import net.bytebuddy.agent.ByteBuddyAgent;

import java.lang.instrument.Instrumentation;

/**
 * An {@link Instrumentation} for this JVM without {@code -javaagent}, through ByteBuddy's agent attacher (shaded
 * with the agent). The JDK refuses an attach to the JVM itself unless {@code jdk.attach.allowAttachSelf} is set;
 * the attacher then attaches from a short-lived helper process instead. A class of its own, so premain never
 * loads the attacher.
 */
public final class SelfAttach {
    private SelfAttach() {
    }

    public static Instrumentation instrumentation() {
        return ByteBuddyAgent.install();
    }
}

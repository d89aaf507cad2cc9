package dev.portguard.junit;

import dev.portguard.core.FindingType;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.junit.internal.Expectations;
import dev.portguard.junit.internal.GuardInstaller;
import dev.portguard.junit.internal.TestGuards;
import dev.portguard.junit.internal.Violations;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Fails a test whose code misuses HTTP connection pools, with a message that says what, where and how to fix it.
 *
 * <p>Use {@code @ExtendWith(PortGuardExtension.class)} (or {@link PortGuardTest}) on a class or method,
 * {@code @RegisterExtension static PortGuardExtension guard = PortGuardExtension.allowing(...)} for settings in code,
 * or switch it on for a whole suite with JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}). {@link PoolExpectations} sets per-test limits.
 *
 * <p>Counts are scoped to each test by resetting the process-wide guards (the application's
 * {@code PortGuard.global()} and, when it runs in this JVM, the agent's) before the test method runs: run such tests
 * sequentially, since tests running in parallel share those guards and mix their counts.
 */
public final class PortGuardExtension implements BeforeAllCallback, InvocationInterceptor {
    private final Set<FindingType> allowed;
    private final double maxConnectionsPerRequest;

    /** The extension as {@code @ExtendWith} and auto-detection create it: every finding fails the test. */
    public PortGuardExtension() {
        this(EnumSet.noneOf(FindingType.class), PoolExpectations.UNSET);
    }

    private PortGuardExtension(Set<FindingType> allowed, double maxConnectionsPerRequest) {
        this.allowed = allowed;
        this.maxConnectionsPerRequest = maxConnectionsPerRequest;
    }

    /** An extension for {@code @RegisterExtension} that lets these finding types pass. */
    public static PortGuardExtension allowing(FindingType... types) {
        EnumSet<FindingType> set = EnumSet.noneOf(FindingType.class);
        set.addAll(java.util.List.of(types));
        return new PortGuardExtension(set, PoolExpectations.UNSET);
    }

    /** A copy that also fails tests opening more than {@code max} connections per request toward a destination. */
    public PortGuardExtension maxConnectionsPerRequest(double max) {
        if (!(max >= 0)) {
            throw new IllegalArgumentException("maxConnectionsPerRequest must be 0 or more, was " + max);
        }
        return new PortGuardExtension(allowed.isEmpty() ? EnumSet.noneOf(FindingType.class) : EnumSet.copyOf(allowed),
                max);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        GuardInstaller.ensureInstalled();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        guarded(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        guarded(invocation, extensionContext);
    }

    private void guarded(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        GuardInstaller.ensureInstalled();
        if (TestGuards.off()) {
            invocation.proceed();
            return;
        }
        TestGuards.reset();
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        }
        TestGuards.findLeaksNow(); // what the test took and still holds is leaked: no later request will free it
        GuardSnapshot snapshot = TestGuards.snapshot();
        Expectations expectations = Expectations.of(allowed, maxConnectionsPerRequest,
                annotation(context));
        Optional<AssertionError> violation = Violations.check(snapshot, expectations);
        if (failure != null) {
            // The test's own failure stays primary; ours rides along.
            violation.ifPresent(failure::addSuppressed);
            throw failure;
        }
        if (violation.isPresent()) {
            throw violation.get();
        }
    }

    private static Optional<PoolExpectations> annotation(ExtensionContext context) {
        Optional<PoolExpectations> onMethod = context.getTestMethod()
                .map(m -> m.getAnnotation(PoolExpectations.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        return context.getTestClass().map(c -> c.getAnnotation(PoolExpectations.class));
    }
}

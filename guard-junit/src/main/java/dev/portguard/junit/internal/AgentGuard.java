package dev.portguard.junit.internal;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.FindingType;
import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PoolCounts;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's guard, seen from a test. The agent carries its own relocated copy of guard-core (so it cannot clash
 * with the application's), which makes its guard a different class from ours: it is read by reflection and its
 * findings and counts copied into our types.
 */
final class AgentGuard implements GuardView {
    private static final String PREFIX = "dev.portguard.agent.shaded.core.";

    private final Object guard;

    private AgentGuard(Object guard) {
        this.guard = guard;
    }

    /**
     * The agent's global guard, when the agent runs in this JVM (attached with -javaagent or installed by
     * guard-junit); empty when it is absent or only on the class path.
     */
    static Optional<GuardView> find() {
        try {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            Class<?> agent = Class.forName("dev.portguard.agent.GuardAgent", false, system);
            if (!Boolean.TRUE.equals(agent.getMethod("isInstalled").invoke(null))) {
                return Optional.empty();
            }
            Class<?> type = Class.forName(PREFIX + "PortGuard", false, system);
            return Optional.of(new AgentGuard(type.getMethod("global").invoke(null)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public void reset() {
        call(guard, "reset");
    }

    /** Through the agent's {@code GuardTesting} interface: the object behind it is of a private class. */
    @Override
    public void findLeaksNow() {
        try {
            Object testing = call(guard, "testing");
            Class<?> view = Class.forName(PREFIX + "GuardTesting", false, guard.getClass().getClassLoader());
            view.getMethod("findLeaksNow").invoke(testing);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError olderAgent) {
            // an agent from before leak tracking: there is nothing to look at
        }
    }

    @Override
    public GuardSnapshot snapshot() {
        Object snapshot = call(guard, "snapshot");
        List<Finding> findings = new ArrayList<>();
        for (Object f : (List<?>) call(snapshot, "findings")) {
            FindingType type;
            try {
                type = FindingType.valueOf(((Enum<?>) call(f, "type")).name());
            } catch (IllegalArgumentException newerThanUs) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> evidence = (Map<String, ?>) call(f, "evidence");
            findings.add(new Finding(type, (String) call(f, "destination"), (String) call(f, "site"),
                    (String) call(f, "message"), (String) call(f, "advice"), evidence));
        }
        List<DestinationCounts> destinations = new ArrayList<>();
        for (Object d : (List<?>) call(snapshot, "destinations")) {
            destinations.add(new DestinationCounts((String) call(d, "destination"), num(d, "requests"),
                    num(d, "connectionsOpened"), num(d, "connectionsReused"), num(d, "connectionsClosed"),
                    num(d, "connectionsClosedByClient"), num(d, "connectFailures"), num(d, "connectTimeouts"),
                    num(d, "keepAliveRefusals")));
        }
        List<PoolCounts> pools = new ArrayList<>();
        for (Object p : (List<?>) call(snapshot, "pools")) {
            pools.add(new PoolCounts((String) call(p, "client"), (String) call(p, "site"), (int) num(p, "maxIdle"),
                    num(p, "requests"), num(p, "connectionsOpened"), num(p, "connectionsReused"),
                    (int) num(p, "inUse"), (int) num(p, "peakInUse")));
        }
        return new GuardSnapshot(Instant.now(), dev.portguard.core.GuardMode.OBSERVE, findings, destinations, pools);
    }

    private static long num(Object target, String accessor) {
        return ((Number) call(target, accessor)).longValue();
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PortGuard's agent does not match this guard-junit (" + method + ")", e);
        }
    }
}

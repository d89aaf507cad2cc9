package dev.portguard.it.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which releases of a client library, on which JDKs, an agent test runs its scenarios on: every scenario on JDK 17
 * with every release tested (the newest and the oldest), and on JDK 25 the newest release with the scenarios picked.
 * A library's own bytecode is the same on either JDK; what JDK 25 changes is the agent's weaving and the JDK's own
 * classes, which a flagged and a healthy scenario show. Running every scenario twice more doubled the agent suite's
 * time for no case that could fail on one JDK alone.
 */
final class ReleaseMatrix {
    private ReleaseMatrix() {
    }

    /** Rows of (release, JDK name, scenario); {@code releases} lists the newest first. */
    static <R, S> Stream<Object[]> runs(List<R> releases, List<S> scenarios, Predicate<S> alsoOnJdk25) {
        List<Object[]> runs = new ArrayList<>();
        for (R release : releases) {
            for (S s : scenarios) {
                runs.add(new Object[] {release, "jdk17", s});
            }
        }
        for (S s : scenarios) {
            if (alsoOnJdk25.test(s)) {
                runs.add(new Object[] {releases.get(0), "jdk25", s});
            }
        }
        return runs.stream();
    }

    /** A scenario picked by its name (its {@code toString}). */
    static <S> Predicate<S> named(String... names) {
        List<String> picked = List.of(names);
        return s -> picked.contains(s.toString());
    }
}

package dev.portguard.it.corpus;

import dev.portguard.it.corpus.CorpusRun.Result;
import dev.portguard.it.corpus.Pattern.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole corpus (two JVMs at a time), writes its table, then asserts every run: the findings its label
 * says, each at its site, none on a healthy pattern, and the servers' counts.
 */
class CorpusIT {
    private static final int AT_ONCE = 2;
    private static final java.nio.file.Path ROOT = java.nio.file.Path.of(System.getProperty("portguard.corpus.root",
            ".."));
    private static final java.nio.file.Path OUT = java.nio.file.Path.of(System.getProperty("portguard.corpus.out",
            "target"));
    private static List<Result> results;

    @BeforeAll
    static void runCorpus() throws Exception {
        List<Pattern> patterns = Patterns.all();
        List<Object[]> runs = new ArrayList<>();
        for (Pattern p : patterns) {
            for (Path path : Path.values()) {
                if (p.paths().contains(path)) {
                    runs.add(new Object[] {p, path});
                }
            }
        }
        // Programs that work share two lanes (the machine's cores); pollers that mostly sleep run beside them.
        ExecutorService working = Executors.newFixedThreadPool(AT_ONCE);
        ExecutorService waiting = Executors.newCachedThreadPool();
        List<Future<Result>> futures = new ArrayList<>();
        for (Object[] run : runs) {
            Pattern p = (Pattern) run[0];
            Path path = (Path) run[1];
            futures.add((p.mostlyWaiting() ? waiting : working).submit(() -> {
                long start = System.nanoTime();
                Result r = CorpusRun.run(p, path, OUT.resolve("corpus").resolve(p.id() + "-" + path.label));
                System.out.printf("%s (%s): %d ms%n", p.id(), path.label, (System.nanoTime() - start) / 1_000_000);
                return r;
            }));
        }
        List<Result> done = new ArrayList<>();
        for (Future<Result> f : futures) {
            done.add(f.get());
        }
        working.shutdown();
        waiting.shutdown();
        done.sort(Comparator.comparing((Result r) -> patterns.indexOf(r.pattern())).thenComparing(Result::path));
        results = done;

        String table = CorpusTable.render(results);
        Files.writeString(OUT.resolve("corpus.md"), table);
        if (Boolean.getBoolean("portguard.corpus.write")) {
            CorpusTable.writeDoc(ROOT, table);
            CorpusTable.writeReadme(ROOT, table);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPatternGetsExactlyItsFindingsAndTheServersCounts() {
        return results.stream().map(r -> DynamicTest.dynamicTest(r.pattern().id() + " (" + r.path().label + ")", () -> {
            Assumptions.assumeTrue(r.ran(), r.skipped());
            Verdict v = Verdict.of(r);
            assertThat(v.problems()).as(r.output()).isEmpty();
        }));
    }

    /** Strict mode throws into the application: only for finding types the corpus catches with no false alarm. */
    @Test
    void strictModeThrowsOnlyOnFindingTypesTheCorpusShowsPrecise() {
        java.util.Set<String> caught = new java.util.TreeSet<>();
        java.util.Set<String> wrong = new java.util.TreeSet<>();
        for (Result r : results) {
            for (CorpusRun.Found f : r.findings()) {
                boolean right = r.pattern().expected().contains(f.type())
                        && (r.pattern().site() == null || f.site().contains(r.pattern().site()));
                (right ? caught : wrong).add(f.type());
            }
        }
        for (dev.portguard.core.FindingType type : dev.portguard.core.FindingType.values()) {
            if (type.failsInStrictMode()) {
                assertThat(caught).as(type + " fails in strict mode, so the corpus must catch it").contains(type.name());
                assertThat(wrong).as(type + " fails in strict mode, so the corpus must show no false alarm of it")
                        .doesNotContain(type.name());
            }
        }
    }

    @Test
    void theCorpusIsLargeEnoughAndLabelsBothKinds() {
        List<Pattern> all = Patterns.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(all).anyMatch(Pattern::healthy).anyMatch(p -> !p.healthy());
        assertThat(all.stream().map(Pattern::id).distinct()).hasSameSizeAs(all);
    }

    @Test
    void theReadmeHasTheCorpusSection() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains(CorpusTable.BEGIN).contains(CorpusTable.END);
        assertThat(Files.readString(ROOT.resolve("docs/corpus.md"))).contains("| pattern | client | path |");
    }
}

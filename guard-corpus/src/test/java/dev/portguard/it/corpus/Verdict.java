package dev.portguard.it.corpus;

import dev.portguard.it.corpus.CorpusRun.Counted;
import dev.portguard.it.corpus.CorpusRun.Found;
import dev.portguard.it.corpus.CorpusRun.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run judged against its label. A finding counts as caught when its type is expected and its site names the line
 * at fault; any other finding is a false alarm (or a wrong cause, on a bad pattern); an expected type with no such
 * finding is missed. The guard's counts must also equal what each server saw: requests and connections, per
 * destination.
 */
record Verdict(int caught, int falseAlarms, int missed, List<String> problems) {

    static Verdict of(Result r) {
        List<String> problems = new ArrayList<>();
        if (!r.ran()) {
            return new Verdict(0, 0, 0, problems);
        }
        if (r.exitCode() != 0 || !r.output().contains("done")) {
            problems.add("the program failed (exit " + r.exitCode() + ")");
        }
        int falseAlarms = 0;
        List<String> caughtTypes = new ArrayList<>();
        for (Found f : r.findings()) {
            boolean expected = r.pattern().expected().contains(f.type())
                    && (r.pattern().site() == null || f.site().contains(r.pattern().site()));
            if (expected) {
                if (!caughtTypes.contains(f.type())) {
                    caughtTypes.add(f.type());
                }
            } else {
                falseAlarms++;
                problems.add((r.pattern().healthy() ? "false alarm " : "unexpected ") + f.type() + " toward "
                        + f.destination() + " at " + f.site());
            }
        }
        int missed = 0;
        for (String type : r.pattern().expected()) {
            if (!caughtTypes.contains(type)) {
                missed++;
                problems.add("missed " + type + " at " + r.pattern().site());
            }
        }
        for (Map.Entry<String, Counted> e : r.serverSaw().entrySet()) {
            Counted guard = r.counted().getOrDefault(e.getKey(), new Counted(0, 0));
            if (!guard.equals(e.getValue())) {
                problems.add("counts toward " + e.getKey() + ": server saw " + e.getValue().requests() + " requests on "
                        + e.getValue().connections() + " connections, guard counted " + guard.requests() + " and "
                        + guard.connections());
            }
        }
        return new Verdict(caughtTypes.size(), falseAlarms, missed, problems);
    }

    boolean passed() {
        return problems.isEmpty();
    }

    /** One word for the table. */
    String label(Result r) {
        if (!r.ran()) {
            return "skipped (" + r.skipped() + ")";
        }
        if (passed()) {
            return "pass";
        }
        List<String> words = new ArrayList<>();
        if (falseAlarms > 0) {
            words.add(r.pattern().healthy() ? "false alarm" : "wrong cause");
        }
        if (missed > 0 && falseAlarms == 0) {
            words.add("missed");
        }
        if (problems.stream().anyMatch(p -> p.startsWith("counts"))) {
            words.add("counts differ");
        }
        if (problems.stream().anyMatch(p -> p.startsWith("the program"))) {
            words.add("program failed");
        }
        return "**FAIL**: " + String.join(", ", words);
    }
}

package dev.portguard.it.corpus;

import java.util.List;
import java.util.Set;

/**
 * One labelled program of the corpus: what it runs, against which servers, and the findings it must get (none for
 * a healthy one), each with the code site it must name.
 *
 * @param id       stable, short, kebab-case
 * @param client   the HTTP client, as the table shows it
 * @param program  the main class, in {@code corpusapp}
 * @param args     program arguments; {@code {url}}, {@code {url2}}, {@code {urls}} (one argument each) are the servers'
 * @param jvmArgs  extra JVM options (system properties of the program)
 * @param servers  the loopback servers the program talks to
 * @param expected finding types it must get; empty for a healthy pattern
 * @param site     a substring every expected finding's site must contain, or null for a healthy pattern
 * @param paths    the ways it runs: under the agent, through a library integration, or both
 * @param jdk      the JDK it needs (17, or 25 for virtual threads)
 * @param mostlyWaiting true for a program that mostly sleeps (a poller): it runs beside the others, not in turn
 */
record Pattern(String id, String client, String program, List<String> args, List<String> jvmArgs, Servers.Spec servers,
               Set<String> expected, String site, Set<Path> paths, int jdk, boolean mostlyWaiting) {

    enum Path {
        AGENT("agent"), LIBRARY("library");

        final String label;

        Path(String label) {
            this.label = label;
        }
    }

    Pattern withJvm(String... options) {
        return new Pattern(id, client, program, args, List.of(options), servers, expected, site, paths, jdk, mostlyWaiting);
    }

    Pattern onJdk(int version) {
        return new Pattern(id, client, program, args, jvmArgs, servers, expected, site, paths, version, mostlyWaiting);
    }

    Pattern waiting() {
        return new Pattern(id, client, program, args, jvmArgs, servers, expected, site, paths, jdk, true);
    }

    boolean healthy() {
        return expected.isEmpty();
    }

    @Override
    public String toString() {
        return id;
    }
}

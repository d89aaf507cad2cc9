package dev.portguard.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of pool misuse: what ({@link #type()}), toward which {@code host:port} ({@link #destination()}),
 * where in the user's code ({@link #site()}), the counts behind it ({@link #evidence()}) and the fix
 * ({@link #advice()}). Immutable: a snapshot taken later carries later evidence.
 */
public final class Finding {
    private final FindingType type;
    private final String destination;
    private final String site;
    private final String message;
    private final String advice;
    private final Map<String, Object> evidence;

    public Finding(FindingType type, String destination, String site, String message, String advice,
                   Map<String, ?> evidence) {
        this.type = Objects.requireNonNull(type, "type");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.site = Objects.requireNonNull(site, "site");
        this.message = Objects.requireNonNull(message, "message");
        this.advice = Objects.requireNonNull(advice, "advice");
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public FindingType type() {
        return type;
    }

    /** {@code host:port}; never a path, query or user info. */
    public String destination() {
        return destination;
    }

    /** The first stack frame of user code, as {@code pkg.Class.method(File.java:N)}, or {@code unknown}. */
    public String site() {
        return site;
    }

    public String message() {
        return message;
    }

    /** The fix in one or two sentences, naming the concrete API. */
    public String advice() {
        return advice;
    }

    /** The counts behind the finding, by name (numbers, or short strings), in a stable order. */
    public Map<String, Object> evidence() {
        return evidence;
    }

    /** A long evidence value, or -1 when absent. */
    public long evidenceLong(String name) {
        Object value = evidence.get(name);
        return value instanceof Number ? ((Number) value).longValue() : -1;
    }

    @Override
    public String toString() {
        return type + " " + destination + " at " + site + ": " + message + " Fix: " + advice + " " + evidence;
    }
}

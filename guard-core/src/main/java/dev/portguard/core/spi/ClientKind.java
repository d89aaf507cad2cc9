package dev.portguard.core.spi;

import dev.portguard.core.FindingType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which HTTP client a pool belongs to, and how to fix each finding with that client's own API. The core knows no
 * client; integrations describe theirs with one of these, created once.
 */
public final class ClientKind {
    private final String name;
    private final Map<FindingType, String> advice;

    private ClientKind(String name, Map<FindingType, String> advice) {
        this.name = name;
        this.advice = advice;
    }

    /**
     * @param name   short, stable, lower case: {@code okhttp}, {@code httpclient5-classic}
     * @param advice the fix for each finding type in this client's API; missing types use the generic advice
     */
    public static ClientKind of(String name, Map<FindingType, String> advice) {
        Objects.requireNonNull(name, "name");
        EnumMap<FindingType, String> copy = new EnumMap<>(FindingType.class);
        copy.putAll(advice);
        return new ClientKind(name, copy);
    }

    public String name() {
        return name;
    }

    /** The fix for {@code type} in this client's API. */
    public String advice(FindingType type) {
        String specific = advice.get(type);
        return specific != null ? specific : type.defaultAdvice();
    }

    @Override
    public String toString() {
        return name;
    }
}

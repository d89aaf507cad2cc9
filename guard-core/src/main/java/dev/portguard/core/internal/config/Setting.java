package dev.portguard.core.internal.config;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardConfigException;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting: its key, default, how its text is read and written, what values it accepts, and its line in the
 * documentation. The {@link Settings} table holds them all; nothing else spells a key or a default.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    private final int index;
    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final Function<String, T> parse;
    private final Function<T, String> print;
    private final Predicate<T> valid;
    private final String accepted;
    private final String documentedDefault;
    private final String meaning;

    Setting(int index, String key, Class<T> type, T defaultValue, Function<String, T> parse, Function<T, String> print,
            Predicate<T> valid, String accepted, String documentedDefault, String meaning) {
        this.index = index;
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.parse = parse;
        this.print = print;
        this.valid = valid;
        this.accepted = accepted;
        this.documentedDefault = documentedDefault;
        this.meaning = meaning;
    }

    /** Its position in {@link Settings#ALL}, which is documentation order. */
    public int index() {
        return index;
    }

    /** The key without prefix: {@code min.requests}. */
    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** Reads trimmed text. Throws {@link GuardConfigException} naming the key, the text and what is accepted. */
    public T parse(String text) {
        T value;
        try {
            value = parse.apply(text);
        } catch (RuntimeException e) {
            throw invalid(text);
        }
        if (value == null ? defaultValue != null : !valid.test(value)) {
            throw invalid(text);
        }
        return value;
    }

    /** The text {@link #parse} reads back to {@code value}. */
    public String print(T value) {
        return print.apply(value);
    }

    /**
     * {@code value} if this setting accepts it. Throws {@link NullPointerException} for a missing value the setting
     * needs, and {@link GuardConfigException} for one out of range.
     */
    public T check(T value) {
        if (value == null && defaultValue != null) {
            if (defaultValue instanceof Enum<?>) {
                throw new NullPointerException(key);
            }
            throw invalid("null");
        }
        if (value != null && !valid.test(value)) {
            throw invalid(String.valueOf(value));
        }
        return value;
    }

    public T cast(Object value) {
        return type.cast(value);
    }

    /** What values it accepts, its range included: README's table and every error message say the same. */
    public String accepted() {
        return accepted;
    }

    /** The default as text {@link #parse} reads, or {@code none}. */
    public String printedDefault() {
        return defaultValue == null ? "none" : print(defaultValue);
    }

    /** What the documentation shows as the default. */
    public String documentedDefault() {
        return documentedDefault;
    }

    /** What the documentation says the setting does. */
    public String meaning() {
        return meaning;
    }

    private GuardConfigException invalid(String text) {
        return new GuardConfigException(GuardConfig.PROPERTY_PREFIX + key, text, accepted);
    }
}

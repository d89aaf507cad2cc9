package dev.portguard.core.internal.config;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.GuardConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One setting: its key, default, how its text is read and written, what values it accepts, and its line in the
 * documentation. The {@link Settings} table holds them all; nothing else spells a key or a default.
 *
 * <p>How a value is read, written and checked follows from its {@link Kind} and bounds, not from a function per
 * setting: the table is built in the agent's premain, where a lambda per key would be a class per key to spin.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    /** The shapes a setting's value takes; each reads, writes and checks its values one way. */
    enum Kind {
        /** One of an enum's constants, written in lower case; {@code choices} are those accepted. */
        CHOICE,
        /** A whole number from {@code min} to {@code max}. */
        WHOLE,
        /** A number above 0 and at most 1. */
        RATIO,
        /** A duration from {@code min} to {@code max} (milliseconds). */
        DURATION,
        /** {@code 0} or a duration up to {@code max} (milliseconds). */
        DURATION_OR_ZERO,
        /** {@code on} or {@code off}. */
        ON_OFF,
        /** A file path, or none. */
        PATH,
        /** A TCP port from {@code min} to {@code max}, or none. */
        PORT,
        /** An IP address or host name, or none. */
        HOST
    }

    private static final int MOST_HOST_CHARS = 253;

    private final int index;
    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final Kind kind;
    private final long min;
    private final long max;
    private final Object[] choices;
    private final String accepted;
    private final String documentedDefault;
    private final String meaning;

    Setting(int index, String key, Class<T> type, T defaultValue, Kind kind, long min, long max, Object[] choices,
            String accepted, String documentedDefault, String meaning) {
        this.index = index;
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.choices = choices;
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
            value = type.cast(read(text));
        } catch (RuntimeException e) {
            throw invalid(text);
        }
        if (value == null ? defaultValue != null : !valid(value)) {
            throw invalid(text);
        }
        return value;
    }

    /** The text {@link #parse} reads back to {@code value}. */
    public String print(T value) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case CHOICE -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
            case DURATION, DURATION_OR_ZERO -> ((Duration) value).toMillis() + "ms";
            case ON_OFF -> (Boolean) value ? "on" : "off";
            case WHOLE, RATIO, PATH, PORT, HOST -> value.toString();
        };
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
        if (value != null && !valid(value)) {
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

    /** The value {@code text} spells, not yet range-checked; {@code null} for an empty optional one. */
    private Object read(String text) {
        return switch (kind) {
            case CHOICE -> choice(text);
            case WHOLE -> Settings.wholeText(text);
            case RATIO -> Settings.decimalText(text);
            case DURATION -> Settings.durationText(text);
            case DURATION_OR_ZERO -> text.equals("0") ? Duration.ZERO : Settings.durationText(text);
            case ON_OFF -> Settings.onOff(text);
            case PATH -> text.isEmpty() ? null : Path.of(text);
            case PORT -> text.isEmpty() ? null : Settings.wholeText(text);
            case HOST -> text.isEmpty() ? null : text;
        };
    }

    private Object choice(String text) {
        for (Object c : choices) {
            if (((Enum<?>) c).name().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException(text);
    }

    private boolean valid(Object value) {
        return switch (kind) {
            case CHOICE -> isChoice(value);
            case WHOLE, PORT -> (Integer) value >= min && (Integer) value <= max;
            case RATIO -> (Double) value > 0 && (Double) value <= 1;
            case DURATION -> ((Duration) value).compareTo(Duration.ofMillis(min)) >= 0
                    && ((Duration) value).compareTo(maxDuration()) <= 0;
            case DURATION_OR_ZERO -> !((Duration) value).isNegative()
                    && ((Duration) value).compareTo(maxDuration()) <= 0;
            case ON_OFF, PATH -> true;
            case HOST -> ((String) value).length() <= MOST_HOST_CHARS
                    && ((String) value).matches("[A-Za-z0-9.:\\-\\[\\]%_]+");
        };
    }

    private boolean isChoice(Object value) {
        for (Object c : choices) {
            if (c == value) {
                return true;
            }
        }
        return false;
    }

    private Duration maxDuration() {
        return Duration.ofMillis(max);
    }

    private GuardConfigException invalid(String text) {
        return new GuardConfigException(GuardConfig.PROPERTY_PREFIX + key, text, accepted);
    }
}

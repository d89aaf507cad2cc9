package dev.portguard.agent.internal.clients;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * What mitigate mode shares a client by: a call site, the builder's class and every field value of the builder
 * there. Two builds share one client only when nothing the code set could differ: values compare by equality
 * where they are values (what {@code isValue} accepts: numbers, durations, a library's immutable time values) and
 * by identity otherwise, so a client given its own executor, cookie store, interceptor or TLS context never
 * shares another's. The hash is computed once, when the builder is read.
 */
public final class BuilderConfiguration {
    private final String site;
    private final Class<?> type;
    private final Object[] values;
    private final Predicate<Object> isValue;
    private final int hash;

    private BuilderConfiguration(String site, Class<?> type, Object[] values, Predicate<Object> isValue) {
        this.site = site;
        this.type = type;
        this.values = values;
        this.isValue = isValue;
        int h = 31 * site.hashCode() + System.identityHashCode(type);
        for (Object v : values) {
            h = 31 * h + (v == null ? 0 : isValue.test(v) ? v.hashCode() : System.identityHashCode(v));
        }
        this.hash = h;
    }

    /** {@code builder}'s configuration at {@code site}, read from {@code settings} (see {@link #settingsOf}). */
    public static BuilderConfiguration of(String site, Object builder, Field[] settings, Predicate<Object> isValue)
            throws IllegalAccessException {
        Object[] values = new Object[settings.length];
        for (int i = 0; i < settings.length; i++) {
            values[i] = settings[i].get(builder);
        }
        return new BuilderConfiguration(site, builder.getClass(), values, isValue);
    }

    /**
     * Every instance field of a builder class, its superclasses' included, opened for reading; empty when they
     * cannot be opened (a JDK or library that does not open its builder to the agent).
     */
    public static Field[] settingsOf(Class<?> type) {
        try {
            List<Field> list = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        list.add(f);
                    }
                }
            }
            return list.toArray(new Field[0]);
        } catch (RuntimeException e) {
            return new Field[0];
        }
    }

    /** The field named {@code name} among {@code fields}, or null. */
    public static Field named(Field[] fields, String name) {
        for (Field f : fields) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BuilderConfiguration c) || c.hash != hash || c.type != type || !c.site.equals(site)
                || c.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object a = values[i];
            Object b = c.values[i];
            if (a != b && (a == null || b == null || !isValue.test(a) || !a.equals(b))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return site + Arrays.toString(values);
    }
}

package dev.portguard.okhttp.internal;

import okhttp3.EventListener;

/**
 * Puts the user's listener first and the guard's second. OkHttp 5 composes listeners itself
 * ({@code EventListener.plus}), which forwards events added in later versions too; OkHttp 4.12 has no such
 * method, so there a listener that forwards 4.12's events is used.
 */
final class Composition {
    private static final boolean HAS_PLUS = hasPlus();

    private Composition() {
    }

    static EventListener compose(EventListener user, GuardEventListener guard) {
        if (HAS_PLUS) {
            return user.plus(guard);
        }
        return new ForwardingGuardListener(user, guard);
    }

    private static boolean hasPlus() {
        try {
            EventListener.class.getMethod("plus", EventListener.class);
            return true;
        } catch (NoSuchMethodException | RuntimeException e) {
            return false;
        }
    }
}

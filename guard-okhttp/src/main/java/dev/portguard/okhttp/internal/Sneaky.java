package dev.portguard.okhttp.internal;

/** Throws a checked exception through a method that declares none (OkHttp's listener methods). */
final class Sneaky {
    private Sneaky() {
    }

    static void throwUnchecked(Throwable t) {
        Sneaky.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void raise(Throwable t) throws T {
        throw (T) t;
    }
}

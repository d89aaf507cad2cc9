package dev.portguard.core.internal.publish;

import java.lang.System.Logger;

/**
 * The guard's logger, looked up when the first line is logged rather than when the guard is created: looking it up
 * starts the logging backend (java.util.logging's LogManager by default), which a javaagent's premain must not do,
 * both for start-up time and because an application may choose its LogManager in main.
 */
public final class Log {
    private Log() {
    }

    public static Logger logger() {
        return Holder.LOGGER;
    }

    private static final class Holder {
        static final Logger LOGGER = System.getLogger("dev.portguard");
    }
}

package dev.portguard.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * Finds the user's code on the current stack: the first frame that belongs neither to the JDK, nor to an HTTP
 * client library, nor to PortGuard. Walks the stack, so call it once per client or pool, never per request.
 */
public final class CallSites {
    /** The site when no user frame is on the stack (a pool created by a framework thread, for instance). */
    public static final String UNKNOWN = "unknown";

    // Spring's own frames are library code as a whole: a client Spring builds for the application (RestTemplateBuilder,
    // RestClient.Builder, a request factory) is the application's line that asked for it, not Spring's builder.
    // All of PortGuard is library code, whatever copy: the agent carries a relocated one (dev.portguard.agent.shaded),
    // and relocation rewrites string constants that name a relocated package, so only the common root is listed.
    private static final List<String> LIBRARY_PREFIXES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.",
            "okhttp3.", "okio.", "org.apache.hc.", "org.apache.http.", "net.bytebuddy.",
            "io.grpc.", "io.netty.", "reactor.", "com.google.common.",
            "org.eclipse.jetty.", "org.asynchttpclient.",
            "dev.portguard.",
            "org.junit.platform.", "org.junit.jupiter.engine.", "org.springframework.");

    /** PortGuard's own code that plays the user: the samples, and the example applications of its tests. */
    private static final List<String> USER_PREFIXES = List.of(
            "dev.portguard.samples.", "dev.portguard.it.", "dev.portguard.testing.");

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Frames looked at, at most: the user's frame is near the top, under a few dozen of library frames. */
    static final int MAX_FRAMES = 256;

    private CallSites() {
    }

    /** The first user frame on this thread's stack, as {@code pkg.Class.method(File.java:N)}, or {@link #UNKNOWN}. */
    public static String capture() {
        try {
            Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                    .limit(MAX_FRAMES)
                    .filter(f -> !isLibrary(f.getClassName()))
                    .findFirst());
            return frame.map(CallSites::format).orElse(UNKNOWN);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** True for classes of the JDK, the HTTP client libraries and PortGuard itself. */
    public static boolean isLibrary(String className) {
        for (String prefix : USER_PREFIXES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code pkg.Class.method(File.java:N)}. */
    public static String format(StackWalker.StackFrame f) {
        String file = f.getFileName();
        int line = f.getLineNumber();
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }
}

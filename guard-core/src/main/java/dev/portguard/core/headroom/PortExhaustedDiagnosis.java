package dev.portguard.core.headroom;

/**
 * Attached by the guard, as a suppressed exception, to a connect failure caused by local port exhaustion
 * ("Cannot assign requested address"). Its message says toward which destination the ports ran out, how many are
 * held against the range, how many wait in TIME_WAIT, and which code site opens most connections there. The
 * exception the application sees keeps its own type; this one only rides along (and has no stack trace of its own).
 */
public final class PortExhaustedDiagnosis extends Exception {
    private static final long serialVersionUID = 1L;

    public PortExhaustedDiagnosis(String message) {
        super(message, null, false, false);
    }
}

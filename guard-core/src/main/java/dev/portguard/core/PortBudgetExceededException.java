package dev.portguard.core;

import java.net.ConnectException;

/**
 * Thrown, in protect mode only, instead of opening a new connection to a destination whose local port headroom
 * is below the critical threshold. It is a {@link ConnectException}, so HTTP clients treat it as a failed connect
 * (retrying another route or failing the call) while requests on pooled connections go on.
 */
public class PortBudgetExceededException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public PortBudgetExceededException(String message) {
        super(message);
    }
}

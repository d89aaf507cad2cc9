package dev.portguard.spring;

import dev.portguard.core.PortGuard;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/portguard}: the guard's report as it stands, the same {@code portguard-report/1} JSON the agent
 * writes to its report file. Like every actuator endpoint it is exposed over HTTP only when
 * {@code management.endpoints.web.exposure.include} names it.
 */
@Endpoint(id = "portguard")
public class PortGuardEndpoint {
    private final PortGuard guard;

    public PortGuardEndpoint(PortGuard guard) {
        this.guard = guard;
    }

    /** The report, rendered by the guard itself so it never differs from the file. */
    @ReadOperation(produces = "application/json")
    public String report() {
        return guard.snapshot().toJson();
    }
}

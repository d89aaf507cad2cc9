package dev.portguard.junit.internal;

import dev.portguard.core.GuardSnapshot;
import dev.portguard.core.PortGuard;

/** {@link PortGuard#global()}: the guard that clients wrapped with guard-okhttp or guard-httpclient5 report to. */
final class LocalGuard implements GuardView {
    @Override
    public void reset() {
        PortGuard.global().testing().reset();
    }

    @Override
    public void findLeaksNow() {
        PortGuard.global().testing().findLeaksNow();
    }

    @Override
    public GuardSnapshot snapshot() {
        return PortGuard.global().snapshot();
    }
}

package dev.portguard.core;

/**
 * Told once about each new finding, on the thread whose event raised it. Keep it quick and do not throw: a
 * listener that throws is logged and the application goes on.
 */
@FunctionalInterface
public interface FindingListener {
    void onFinding(Finding finding);
}

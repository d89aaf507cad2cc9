package dev.portguard.core.internal.headroom;

import dev.portguard.core.GuardConfig;
import dev.portguard.core.PortBudgetExceededException;
import dev.portguard.core.headroom.HeadroomReport;
import dev.portguard.core.headroom.HostPorts;
import dev.portguard.core.headroom.PortHeadroomProbe;
import dev.portguard.core.internal.publish.Publisher;

import java.util.function.Supplier;

/**
 * Port headroom, put together: the probe thread reads the host, the evaluation turns readings into each
 * destination's headroom and port findings, protect mode gates new connects, the diagnosis explains a connect
 * that found no port, and the report view shows it all. It reads destinations through a read-only directory and
 * raises through the publisher; it knows nothing else of the guard.
 */
public final class HeadroomWatch implements PortHooks {
    private final HeadroomEvaluation evaluation;
    private final ProbeThread probeThread;
    private final ProtectGate protectGate;
    private final ExhaustionDiagnosis diagnosis;
    private final HeadroomReportView reportView;

    public HeadroomWatch(GuardConfig config, DestinationDirectory directory, Publisher publisher,
                         Supplier<PortHeadroomProbe> probe) {
        this.evaluation = new HeadroomEvaluation(config, directory, publisher, probe);
        this.probeThread = new ProbeThread(config, evaluation);
        this.protectGate = new ProtectGate(config, evaluation, probeThread);
        this.diagnosis = new ExhaustionDiagnosis(evaluation, probeThread);
        this.reportView = new HeadroomReportView(directory, evaluation);
    }

    @Override
    public void poolCreated() {
        probeThread.startIfNeeded();
    }

    @Override
    public void beforeConnect(WatchedDestination destination) throws PortBudgetExceededException {
        protectGate.beforeConnect(destination, true);
    }

    @Override
    public void beforeConnectWithoutWaiting(WatchedDestination destination) throws PortBudgetExceededException {
        protectGate.beforeConnect(destination, false);
    }

    @Override
    public void addressAdded() {
        probeThread.wake(); // read soon, so the new address's ports are attributed
    }

    @Override
    public void connectFailed(WatchedDestination destination, Throwable failure, boolean timedOut) {
        diagnosis.connectFailed(destination, failure, timedOut);
    }

    /**
     * Reads the host now and re-evaluates every destination, on the caller's thread, then lets the timeline sample
     * if one is due: tests and tools (and the agent before its last report) call it to see fresh numbers.
     */
    public HostPorts refresh() {
        HostPorts host = evaluation.refresh();
        evaluation.tick(true);
        return host;
    }

    public HostPorts latest() {
        return evaluation.latest();
    }

    /**
     * Tells {@code listener} after each reading (on the probe thread, every {@code headroom.interval}), so metrics
     * can add the gauges of a forecast that appeared and remove those that went.
     */
    public void addReadingListener(Runnable listener) {
        evaluation.addReadingListener(listener);
    }

    public void removeReadingListener(Runnable listener) {
        evaluation.removeReadingListener(listener);
    }

    /**
     * Runs {@code ticker} on the probe thread every {@code timeline.interval} (the probe then reads at least that
     * often), also where the probe is off or finds no /proc, with {@code false}; and after each {@link #refresh()}
     * with {@code true}. The incident timeline samples this way, never on a request.
     */
    public void setTicker(java.util.function.Consumer<Boolean> ticker) {
        evaluation.setTicker(ticker);
    }

    public HeadroomReport report() {
        return reportView.report();
    }
}

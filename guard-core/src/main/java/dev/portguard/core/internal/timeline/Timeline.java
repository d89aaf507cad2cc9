package dev.portguard.core.internal.timeline;

import dev.portguard.core.DestinationCounts;
import dev.portguard.core.Finding;
import dev.portguard.core.headroom.DestinationHeadroom;
import dev.portguard.core.headroom.HeadroomReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded ring of samples, one every {@code timeline.interval} for {@code timeline.window}, and the findings as
 * events. {@link #tick} runs on the probe thread (or a tool's explicit reading), never on a request; {@link #findingRaised} runs once per finding.
 * Memory is fixed by the settings: at most {@link #MOST_SAMPLES} samples of {@link #DESTINATIONS_PER_SAMPLE}
 * destinations each, and {@link #MOST_EVENTS} events.
 */
public final class Timeline {
    /** Past this the window shortens: 10 000 samples of 8 destinations is a few MiB at most. */
    public static final int MOST_SAMPLES = 10_000;
    /** The busiest destinations kept in each sample; a gateway's thousand quiet ones would only cost memory. */
    public static final int DESTINATIONS_PER_SAMPLE = 8;
    /** Findings are raised once per site and destination; this bounds even a pathological number of them. */
    public static final int MOST_EVENTS = 500;

    private final Duration interval;
    private final Duration window;
    private final long minGapNanos;
    private final int capacity;
    private final ArrayDeque<TimelineSample> samples = new ArrayDeque<>();
    private final ArrayDeque<TimelineEvent> events = new ArrayDeque<>();
    /** Each destination's requests and connections opened at the previous sample; as many as the ledger counts. */
    private final Map<String, long[]> previous = new HashMap<>();
    private long previousNanos;
    /** The counts and time the last sample's rates were taken from, so an explicit reading can stretch it to now. */
    private Map<String, long[]> lastBaseline = new HashMap<>();
    private long lastBaselineNanos;

    /** A timeline whose counts start at {@code startNanos} ({@link System#nanoTime()}), with the guard's. */
    public Timeline(Duration interval, Duration window, long startNanos) {
        this.previousNanos = startNanos;
        this.interval = interval;
        this.window = window;
        this.minGapNanos = interval.toNanos() - interval.toNanos() / 10; // a tick a little early still samples
        long wanted = Math.max(1, (window.toMillis() + interval.toMillis() - 1) / Math.max(1, interval.toMillis()));
        this.capacity = (int) Math.min(MOST_SAMPLES, wanted);
    }

    /**
     * Takes a sample when {@code timeline.interval} has passed since the last one (or the start): rates from the
     * counts' change since then, ports from the probe's latest reading. When {@code now} (an explicit reading, such
     * as the last one before a report) comes sooner than that, the last sample is taken again, stretched to now, so
     * the timeline ends with what the report shows without crowding the interval.
     */
    public synchronized void tick(long nanos, Instant at, List<DestinationCounts> counts, HeadroomReport headroom,
                                  boolean now) {
        if (nanos - previousNanos < minGapNanos) {
            if (!now) {
                return;
            }
            if (!samples.isEmpty()) {
                samples.removeLast();
                previous.clear();
                previous.putAll(lastBaseline);
                previousNanos = lastBaselineNanos;
            }
            if (nanos - previousNanos <= 0) {
                return;
            }
        }
        lastBaseline = new HashMap<>(previous);
        lastBaselineNanos = previousNanos;
        sample(nanos, at, counts, headroom);
    }

    private void sample(long nanos, Instant at, List<DestinationCounts> counts, HeadroomReport headroom) {
        double seconds = (nanos - previousNanos) / 1e9;
        previousNanos = nanos;
        Map<String, DestinationHeadroom> ports = new HashMap<>();
        for (DestinationHeadroom h : headroom.destinations()) {
            ports.put(h.destination(), h); // one pass: a gateway has a thousand destinations
        }
        List<DestinationSample> busiest = new ArrayList<>();
        Map<String, long[]> seen = new HashMap<>();
        for (DestinationCounts c : counts) {
            long[] before = previous.get(c.destination());
            seen.put(c.destination(), new long[] {c.requests(), c.connectionsOpened()});
            double requests = before == null ? c.requests() : Math.max(0, c.requests() - before[0]);
            double opened = before == null ? c.connectionsOpened() : Math.max(0, c.connectionsOpened() - before[1]);
            DestinationHeadroom h = ports.get(c.destination());
            busiest.add(new DestinationSample(c.destination(), round(requests / seconds), round(opened / seconds),
                    h == null ? -1 : h.portsHeld(),
                    h == null ? -1 : h.usablePorts(), h == null ? -1 : h.timeWait(), h == null ? -1 : h.headroom(),
                    h == null ? null : h.secondsToExhaustion()));
        }
        previous.clear();
        previous.putAll(seen);
        busiest.sort(BUSIEST);
        if (busiest.size() > DESTINATIONS_PER_SAMPLE) {
            busiest = busiest.subList(0, DESTINATIONS_PER_SAMPLE);
        }
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(new TimelineSample(at, busiest));
    }

    /** Records a finding as an event at {@code at}; the oldest event goes when the ring is full. */
    public synchronized void findingRaised(Finding finding, Instant at) {
        if (events.size() == MOST_EVENTS) {
            events.removeFirst();
        }
        events.addLast(new TimelineEvent(at, finding.type().name(), finding.destination(), finding.site(),
                finding.message(), finding.advice()));
    }

    /** Forgets every sample and event; counts start again at {@code nanos}, as the ledger's do. */
    public synchronized void reset(long nanos) {
        samples.clear();
        events.clear();
        previous.clear();
        previousNanos = nanos;
        lastBaseline = new HashMap<>();
        lastBaselineNanos = nanos;
    }

    public synchronized TimelineView view() {
        return new TimelineView(interval, window, new ArrayList<>(samples), new ArrayList<>(events));
    }

    /** How many samples the ring holds at most. */
    public int capacity() {
        return capacity;
    }

    /** Ports held first (what runs out), then connections opened, then requests. */
    private static final Comparator<DestinationSample> BUSIEST = new Busiest();

    /**
     * Written out rather than composed from {@code Comparator.comparing...}: the guard is built at the agent's
     * start-up, where each composed step would be a class spun for a lambda.
     */
    private static final class Busiest implements Comparator<DestinationSample> {
        @Override
        public int compare(DestinationSample a, DestinationSample b) {
            int c = Integer.compare(b.portsHeld(), a.portsHeld());
            if (c == 0) {
                c = Double.compare(b.connectionsOpenedPerSecond(), a.connectionsOpenedPerSecond());
            }
            if (c == 0) {
                c = Double.compare(b.requestsPerSecond(), a.requestsPerSecond());
            }
            return c != 0 ? c : a.destination().compareTo(b.destination());
        }
    }

    private static double round(double perSecond) {
        return Math.round(perSecond * 100) / 100.0;
    }
}

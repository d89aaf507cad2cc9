package dev.portguard.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guard's settings as Spring properties: each key of the guard's settings table, with dots turned into dashes
 * ({@code min.requests} is {@code portguard.min-requests}). Values are text, read by the guard's own parser, so a bad
 * value is one log line and that setting's default, never a failed start. Unset properties leave the setting to
 * {@code PORTGUARD_*} environment variables, {@code portguard.*} system properties, or the default.
 */
@ConfigurationProperties("portguard")
public class PortGuardProperties {
    /**
     * observe reports only; strict throws PoolMisuseException at the call that makes a finding (for tests); mitigate
     * observes and makes clients built per request share connections (for an incident); off counts nothing and
     * leaves clients unwrapped. One of observe, strict, mitigate, off; default observe.
     */
    private String mode;

    /**
     * In mitigate mode, which clients share connections: found, those of sites with a NEW_CLIENT_PER_REQUEST
     * finding; all, every client a site builds after its first mitigate-after. One of found, all; default found.
     */
    private String mitigate;

    /** With mitigate=all, clients a site builds as the code wrote them before the rest share. Default 3. */
    private String mitigateAfter;

    /**
     * Requests a site must send to a destination before a ratio-based finding. A whole number of at least 1; default
     * 20.
     */
    private String minRequests;

    /** Connections opened per request above which traffic is flagged. Above 0 and at most 1; default 0.5. */
    private String newConnectionRatio;

    /**
     * Pools created at one site within new-client-window that make it suspect. A whole number of at least 1; default
     * 10.
     */
    private String newClientThreshold;

    /** The window for new-client-threshold: 500ms, 10s, 5m, 1h or ISO-8601 PT10S; default 60s. */
    private String newClientWindow;

    /** Connections opened per request above which an undersized pool churns. Above 0 and at most 1; default 0.1. */
    private String poolChurnRatio;

    /** Destinations counted separately; more share the bucket (other), counts are never lost. Default 1000. */
    private String maxDestinations;

    /** Code sites counted separately; more share the site (other). Default 500. */
    private String maxSites;

    /** Live pools listed in snapshots (all are counted). Default 1000. */
    private String maxPools;

    /**
     * (site, destination) and (pool, destination) pairs counted separately, each; more count toward (other).
     * Default 10000.
     */
    private String maxRoutes;

    /**
     * How much PortGuard says: lines below this level are not written; warning shows findings and problems, info also
     * what was installed and guarded, off nothing. One of off, error, warning, info, debug, trace, all; default warning.
     */
    private String logLevel;

    /**
     * Level each finding's log line is written at (shown when log-level lets it through). One of error, warning,
     * info, debug, trace; default warning.
     */
    private String findingLevel;

    /**
     * Path of the JSON report file. Written by the agent; with the starter, /actuator/portguard serves the same report.
     * Default none.
     */
    private String report;

    /** How often the agent rewrites the report file; default 60s. */
    private String reportInterval;

    /** How often the incident timeline takes a sample; default 5s. */
    private String timelineInterval;

    /** How far back the incident timeline reaches; default 1h. */
    private String timelineWindow;

    /**
     * The agent's own Prometheus endpoint port (1-65535). The starter exports through the application's Micrometer
     * registry instead. Default none.
     */
    private String metricsPort;

    /** The address the agent's Prometheus endpoint listens on; default all interfaces. */
    private String metricsHost;

    /** on or off: read the host's ephemeral ports from /proc (Linux only); default on. */
    private String headroomProbe;

    /** How often the headroom probe reads /proc; default 10s. */
    private String headroomInterval;

    /** Share of a destination's usable ports below which PORT_HEADROOM_LOW is raised. Default 0.2. */
    private String headroomLow;

    /** An exhaustion predicted within this raises PORT_EXHAUSTION_FORECAST; default 10m. */
    private String headroomHorizon;

    /**
     * One of off, enforce: enforce refuses new connections to a destination whose headroom is critical. Default off.
     */
    private String protect;

    /** Share of usable ports below which headroom is critical (also the doctor's threshold). Default 0.05. */
    private String protectCritical;

    /** How long protect mode waits for headroom to come back before refusing; default 0 (refuse at once). */
    private String protectWait;

    /** On or off: track leased connections to find those never given back (CONNECTION_LEAK). Default on. */
    private String leakDetect;

    /**
     * A connection held this long with no bytes read counts as leaked (a stream that keeps reading never does).
     * Default 60s.
     */
    private String leakAge;

    /** Leaked connections a site and destination must hold at once before CONNECTION_LEAK is raised. Default 3. */
    private String leakCount;

    /** One acquisition in this many records its call site (a stack walk). Default 1024. */
    private String leakSample;

    /** Leased connections tracked at once per site and destination (fixed memory). Default 256. */
    private String leakTracked;

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getMitigate() {
        return mitigate;
    }

    public void setMitigate(String mitigate) {
        this.mitigate = mitigate;
    }

    public String getMitigateAfter() {
        return mitigateAfter;
    }

    public void setMitigateAfter(String mitigateAfter) {
        this.mitigateAfter = mitigateAfter;
    }

    public String getMinRequests() {
        return minRequests;
    }

    public void setMinRequests(String minRequests) {
        this.minRequests = minRequests;
    }

    public String getNewConnectionRatio() {
        return newConnectionRatio;
    }

    public void setNewConnectionRatio(String newConnectionRatio) {
        this.newConnectionRatio = newConnectionRatio;
    }

    public String getNewClientThreshold() {
        return newClientThreshold;
    }

    public void setNewClientThreshold(String newClientThreshold) {
        this.newClientThreshold = newClientThreshold;
    }

    public String getNewClientWindow() {
        return newClientWindow;
    }

    public void setNewClientWindow(String newClientWindow) {
        this.newClientWindow = newClientWindow;
    }

    public String getPoolChurnRatio() {
        return poolChurnRatio;
    }

    public void setPoolChurnRatio(String poolChurnRatio) {
        this.poolChurnRatio = poolChurnRatio;
    }

    public String getMaxDestinations() {
        return maxDestinations;
    }

    public void setMaxDestinations(String maxDestinations) {
        this.maxDestinations = maxDestinations;
    }

    public String getMaxSites() {
        return maxSites;
    }

    public void setMaxSites(String maxSites) {
        this.maxSites = maxSites;
    }

    public String getMaxRoutes() {
        return maxRoutes;
    }

    public void setMaxRoutes(String maxRoutes) {
        this.maxRoutes = maxRoutes;
    }

    public String getMaxPools() {
        return maxPools;
    }

    public void setMaxPools(String maxPools) {
        this.maxPools = maxPools;
    }

    public String getFindingLevel() {
        return findingLevel;
    }

    public void setFindingLevel(String findingLevel) {
        this.findingLevel = findingLevel;
    }

    public String getLogLevel() {
        return logLevel;
    }

    public void setLogLevel(String logLevel) {
        this.logLevel = logLevel;
    }

    public String getReport() {
        return report;
    }

    public void setReport(String report) {
        this.report = report;
    }

    public String getReportInterval() {
        return reportInterval;
    }

    public void setReportInterval(String reportInterval) {
        this.reportInterval = reportInterval;
    }

    public String getTimelineInterval() {
        return timelineInterval;
    }

    public void setTimelineInterval(String timelineInterval) {
        this.timelineInterval = timelineInterval;
    }

    public String getTimelineWindow() {
        return timelineWindow;
    }

    public void setTimelineWindow(String timelineWindow) {
        this.timelineWindow = timelineWindow;
    }

    public String getMetricsPort() {
        return metricsPort;
    }

    public void setMetricsPort(String metricsPort) {
        this.metricsPort = metricsPort;
    }

    public String getMetricsHost() {
        return metricsHost;
    }

    public void setMetricsHost(String metricsHost) {
        this.metricsHost = metricsHost;
    }

    public String getHeadroomProbe() {
        return headroomProbe;
    }

    public void setHeadroomProbe(String headroomProbe) {
        this.headroomProbe = headroomProbe;
    }

    public String getHeadroomInterval() {
        return headroomInterval;
    }

    public void setHeadroomInterval(String headroomInterval) {
        this.headroomInterval = headroomInterval;
    }

    public String getHeadroomLow() {
        return headroomLow;
    }

    public void setHeadroomLow(String headroomLow) {
        this.headroomLow = headroomLow;
    }

    public String getHeadroomHorizon() {
        return headroomHorizon;
    }

    public void setHeadroomHorizon(String headroomHorizon) {
        this.headroomHorizon = headroomHorizon;
    }

    public String getProtect() {
        return protect;
    }

    public void setProtect(String protect) {
        this.protect = protect;
    }

    public String getProtectCritical() {
        return protectCritical;
    }

    public void setProtectCritical(String protectCritical) {
        this.protectCritical = protectCritical;
    }

    public String getProtectWait() {
        return protectWait;
    }

    public void setProtectWait(String protectWait) {
        this.protectWait = protectWait;
    }

    public String getLeakDetect() {
        return leakDetect;
    }

    public void setLeakDetect(String leakDetect) {
        this.leakDetect = leakDetect;
    }

    public String getLeakAge() {
        return leakAge;
    }

    public void setLeakAge(String leakAge) {
        this.leakAge = leakAge;
    }

    public String getLeakCount() {
        return leakCount;
    }

    public void setLeakCount(String leakCount) {
        this.leakCount = leakCount;
    }

    public String getLeakSample() {
        return leakSample;
    }

    public void setLeakSample(String leakSample) {
        this.leakSample = leakSample;
    }

    public String getLeakTracked() {
        return leakTracked;
    }

    public void setLeakTracked(String leakTracked) {
        this.leakTracked = leakTracked;
    }

    /** The properties that are set, keyed as the guard's settings table keys them ({@code min.requests}). */
    public Map<String, String> toSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "mode", mode);
        put(settings, "mitigate", mitigate);
        put(settings, "mitigate.after", mitigateAfter);
        put(settings, "min.requests", minRequests);
        put(settings, "new.connection.ratio", newConnectionRatio);
        put(settings, "new.client.threshold", newClientThreshold);
        put(settings, "new.client.window", newClientWindow);
        put(settings, "pool.churn.ratio", poolChurnRatio);
        put(settings, "max.destinations", maxDestinations);
        put(settings, "max.sites", maxSites);
        put(settings, "max.pools", maxPools);
        put(settings, "max.routes", maxRoutes);
        put(settings, "log.level", logLevel);
        put(settings, "finding.level", findingLevel);
        put(settings, "report", report);
        put(settings, "report.interval", reportInterval);
        put(settings, "timeline.interval", timelineInterval);
        put(settings, "timeline.window", timelineWindow);
        put(settings, "metrics.port", metricsPort);
        put(settings, "metrics.host", metricsHost);
        put(settings, "headroom.probe", headroomProbe);
        put(settings, "headroom.interval", headroomInterval);
        put(settings, "headroom.low", headroomLow);
        put(settings, "headroom.horizon", headroomHorizon);
        put(settings, "protect", protect);
        put(settings, "protect.critical", protectCritical);
        put(settings, "protect.wait", protectWait);
        put(settings, "leak.detect", leakDetect);
        put(settings, "leak.age", leakAge);
        put(settings, "leak.count", leakCount);
        put(settings, "leak.sample", leakSample);
        put(settings, "leak.tracked", leakTracked);
        return settings;
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }
}

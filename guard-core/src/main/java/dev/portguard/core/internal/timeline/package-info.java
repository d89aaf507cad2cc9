/**
 * The incident timeline: a bounded ring of samples (per destination: requests and connections opened per second,
 * ports held against the usable range, TIME_WAIT, headroom, forecast) taken on the probe thread, and the findings
 * as events. The report and its page render it. Not API: may change in any release.
 */
package dev.portguard.core.internal.timeline;

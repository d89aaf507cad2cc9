/**
 * Sinks that write documents: the {@code portguard-report/1} JSON, the doctor's JSON, and the atomic file write.
 * Not API: may change in any release.
 */
package dev.portguard.core.internal.report;

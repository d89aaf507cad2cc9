/**
 * PortGuard's application API: {@link dev.portguard.core.PortGuard} (the guard, and where its stages are put
 * together), {@link dev.portguard.core.GuardConfig}, and the findings, counts and snapshots it hands out.
 */
package dev.portguard.core;

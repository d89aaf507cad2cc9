/**
 * Mitigate mode's bookkeeping: which sites' clients share a pool, the one log line when a site is mitigated or
 * left alone, and the before/after counts the report shows. Decides from findings and counts; never touches a
 * client (the integrations do the sharing).
 */
package dev.portguard.core.internal.mitigate;

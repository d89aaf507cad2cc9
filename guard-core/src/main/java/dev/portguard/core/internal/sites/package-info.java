/**
 * Where a creation site's code comes from: the application's own classes, or a dependency's jar (named by its Maven
 * coordinates or manifest), and then which application frame called into it. Captured once per client pool, read
 * by the sinks to tell the user whose code the fix belongs to.
 */
package dev.portguard.core.internal.sites;

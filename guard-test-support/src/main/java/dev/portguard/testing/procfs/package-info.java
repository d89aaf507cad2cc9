/**
 * A fake {@code /proc} for one command: chosen files at the real paths, in a private mount namespace, so a doctor
 * or a guarded JVM can be run against a host's malformed, blocking or huge /proc files.
 */
package dev.portguard.testing.procfs;

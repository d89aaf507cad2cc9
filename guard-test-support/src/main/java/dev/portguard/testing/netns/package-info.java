/**
 * Throwaway network namespaces (their own loopback, port range and sysctls) for tests that exhaust real ports, and
 * an independent count of what {@code ss} shows to hold the guard's readings against.
 */
package dev.portguard.testing.netns;

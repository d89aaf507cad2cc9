/** Binds the guard's counts and findings to a Micrometer registry, for applications that have one. */
package dev.portguard.core.micrometer;

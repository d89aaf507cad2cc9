/**
 * The binding of the guard's meters to the application's Micrometer global registry, defined by a helper class
 * loader beside the application's Micrometer so it links against that copy.
 */
package dev.portguard.agent.internal.micrometer;

/**
 * Any client's socket connect that found no free local port, reported to the guard as a port exhaustion.
 */
package dev.portguard.agent.internal.clients.socket;

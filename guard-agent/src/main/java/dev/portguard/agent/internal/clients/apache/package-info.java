/**
 * Apache HttpClient, any generation: a pooling connection manager is a pool; its leases, connects and releases are
 * counted against the route's destination.
 */
package dev.portguard.agent.internal.clients.apache;

/**
 * Jetty 12's {@code org.eclipse.jetty.client.HttpClient}: each started client is one pool, each exchange queued
 * on one of its destinations a request, each connection its connection pool creates a connection.
 */
package dev.portguard.agent.internal.clients.jetty;

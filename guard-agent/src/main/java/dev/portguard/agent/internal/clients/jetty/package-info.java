/**
 * Jetty 12's {@code org.eclipse.jetty.client.HttpClient}, over HTTP/1.1 and HTTP/2: each started client is one pool,
 * each exchange queued on one of its destinations a request, each connection its connection pool creates a
 * connection, and each one its pool removes a connection closed, with who closed it where Jetty tells.
 */
package dev.portguard.agent.internal.clients.jetty;

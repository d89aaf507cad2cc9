/**
 * AsyncHttpClient ({@code org.asynchttpclient}, 2.x and 3.x, on Netty): each client is one pool, each request it
 * writes a request, each channel that carries its first request a connection, and each such channel its handler
 * sees inactive a connection closed, by the client or the server.
 */
package dev.portguard.agent.internal.clients.asynchttp;

/**
 * Reactor Netty's {@code HttpClient} (what Spring's {@code WebClient} runs on), HTTP/1.1 and HTTP/2:
 * each {@code ConnectionProvider} is one pool, each acquisition (over HTTP/2, each stream) a request, each pooled
 * channel a connection; the provider without a pool ({@code ConnectionProvider.newConnection()}) opens a connection
 * per request.
 */
package dev.portguard.agent.internal.clients.reactor;

/**
 * PortGuard for Reactor Netty's {@code HttpClient} (what Spring's {@code WebClient} runs on):
 * {@link dev.portguard.reactor.ReactorNettyGuard} is the whole API.
 */
package dev.portguard.reactor;

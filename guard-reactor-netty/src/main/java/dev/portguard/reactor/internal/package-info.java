/**
 * How Reactor Netty's hooks map to the guard's counts: one {@code ProviderHooks} per connection provider (its pool),
 * a {@code Wire} per TCP connection (its destination, protocol, open and close), {@code Holds} per request channel
 * (an HTTP/1.1 connection or an HTTP/2 stream, and an HTTP/1.1 connection's lease, which {@code ResponseEnd} ends).
 * Not API.
 */
package dev.portguard.reactor.internal;

/**
 * What the modules' tests share: {@link dev.portguard.testing.LoopbackHttpServer}, a loopback HTTP/1.1 server that
 * counts the connections and requests it saw, so a test can hold the guard's counts against the server's.
 */
package dev.portguard.testing;

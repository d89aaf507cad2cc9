/**
 * java.net.http.HttpClient: each client is a pool; sends are requests and new plain connections are connections
 * opened; each send is a lease until its HTTP/1.1 connection goes back to the pool ({@code CONNECTION_LEAK}).
 */
package dev.portguard.agent.internal.clients.jdkhttp;

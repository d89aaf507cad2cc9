/**
 * java.net.http.HttpClient: each client is a pool; sends are requests and new plain connections are connections
 * opened.
 */
package dev.portguard.agent.internal.clients.jdkhttp;

/**
 * HttpURLConnection and the JVM's keep-alive cache: one pool per code site, connections counted as they are opened
 * and taken.
 */
package dev.portguard.agent.internal.clients.urlconnection;

/**
 * HttpURLConnection and the JVM's keep-alive cache: one pool per code site, connections counted as they are opened
 * and taken, and leased until the cache takes them back or they close ({@code CONNECTION_LEAK}).
 */
package dev.portguard.agent.internal.clients.urlconnection;

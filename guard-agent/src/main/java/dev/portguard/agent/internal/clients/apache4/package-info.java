/**
 * Apache HttpClient 4.5: its kind, pool settings and route destinations, linked against the application's
 * HttpClient 4.
 */
package dev.portguard.agent.internal.clients.apache4;

/**
 * Apache HttpClient 5.x through guard-httpclient5's knowledge (kinds, pool settings, route destinations), linked
 * against the application's HttpClient 5.
 */
package dev.portguard.agent.internal.clients.apache5;

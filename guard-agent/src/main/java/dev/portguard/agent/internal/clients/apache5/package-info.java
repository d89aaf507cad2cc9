/**
 * Apache HttpClient 5.x through guard-httpclient5's knowledge (kinds, pool settings, route destinations), linked
 * against the application's HttpClient 5; and mitigate mode for its async clients (one shared client per site and
 * configuration, handed out as a view the code may close).
 */
package dev.portguard.agent.internal.clients.apache5;

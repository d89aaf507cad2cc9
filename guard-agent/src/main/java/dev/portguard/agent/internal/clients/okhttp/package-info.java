/**
 * OkHttp 4.x and 5.x: guards every client's builder with guard-okhttp's own listener, linked against the
 * application's OkHttp.
 */
package dev.portguard.agent.internal.clients.okhttp;

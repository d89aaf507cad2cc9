/**
 * Stage 3, publishing: one book of raised findings (pool and port alike), the log line, the listeners and the
 * strict-mode exception; every line the guard logs goes through here. Not API: may change in any release.
 */
package dev.portguard.core.internal.publish;

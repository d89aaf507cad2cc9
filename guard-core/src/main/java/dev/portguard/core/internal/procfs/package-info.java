/** Parsers of the /proc files the headroom probe reads; never throw. Not API: may change in any release. */
package dev.portguard.core.internal.procfs;

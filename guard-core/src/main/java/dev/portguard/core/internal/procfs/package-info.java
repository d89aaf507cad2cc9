/** Parsers of the /proc files the headroom probe and node mode read (and the conntrack and NAT rule listings); never throw. Not API: may change in any release. */
package dev.portguard.core.internal.procfs;

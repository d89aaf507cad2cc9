/**
 * Stage 2, detection: turns a route's counts into at most one pool finding (one order, most specific first) and
 * raises it to the publisher. Reads counts through a read-only view. Not API: may change in any release.
 */
package dev.portguard.core.internal.detect;

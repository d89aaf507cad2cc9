/**
 * Stage 2, port headroom: the probe thread turns /proc readings into each destination's headroom and port findings,
 * gates new connects in protect mode and diagnoses exhaustion; reads destinations through a read-only directory
 * and raises to the publisher. Not API: may change in any release.
 */
package dev.portguard.core.internal.headroom;

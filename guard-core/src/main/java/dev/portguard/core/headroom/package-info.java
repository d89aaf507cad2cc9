/**
 * The host's local port headroom: the /proc probe and the readings it returns, each destination's headroom, and
 * the low and critical levels shared by the guard and the doctor.
 */
package dev.portguard.core.headroom;

/** The {@code doctor} command: the host's local port status in one look, with a verdict and exit status. */
package dev.portguard.core.doctor;

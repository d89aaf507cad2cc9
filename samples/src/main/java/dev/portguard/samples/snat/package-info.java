/**
 * The programs of the SNAT incident (samples/snat-incident.sh): the external API, and the two pods' services that
 * share one node's SNAT ports.
 */
package dev.portguard.samples.snat;

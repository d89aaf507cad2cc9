/**
 * The {@code node} command: run on a Kubernetes node (or a VM doing SNAT), it reads conntrack and the NAT rules and
 * says how full the node's SNAT ports are toward each destination, which pod IPs hold them, and a verdict with an
 * exit status; {@code --serve} exposes the same as Prometheus metrics.
 */
package dev.portguard.core.node;

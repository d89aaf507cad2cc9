package dev.portguard.core.headroom;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Local ports inside the ephemeral range held toward one remote endpoint (IP and port), as the socket tables
 * show them. IPv4-mapped IPv6 sockets (a Java client's usual IPv4 connections) count as IPv4.
 *
 * @param address   the remote IP
 * @param port      the remote port
 * @param portsHeld sockets in any state but LISTEN whose local port is inside the range
 * @param timeWait  of those, sockets in TIME_WAIT
 */
public record RemotePorts(InetAddress address, int port, int portsHeld, int timeWait) {
    /** {@code 10.0.0.5:443}, or {@code [2001:db8::1]:443}. */
    public String endpoint() {
        String ip = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}

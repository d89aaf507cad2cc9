package dev.portguard.testing.netns;

/**
 * Counts what {@code ss -tanH} prints, independently of the guard's own /proc parser: sockets in any state but
 * LISTEN toward a peer, whose local port lies inside a range.
 */
public final class SsCount {
    private SsCount() {
    }

    /** Sockets toward {@code peerIp:peerPort}, in any state but LISTEN, whose local port is in {@code [low, high]}. */
    public static int portsHeld(String ssOutput, String peerIp, int peerPort, int low, int high) {
        int count = 0;
        for (String line : ssOutput.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 5 || parts[0].equals("LISTEN")) {
                continue;
            }
            int localPort = port(parts[3]);
            String peer = parts[4];
            if (localPort >= low && localPort <= high && port(peer) == peerPort && ip(peer).equals(peerIp)) {
                count++;
            }
        }
        return count;
    }

    private static int port(String endpoint) {
        try {
            return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // "[::ffff:127.0.0.1]:8080" and "127.0.0.1:8080" are the same IPv4 peer.
    private static String ip(String endpoint) {
        String ip = endpoint.substring(0, endpoint.lastIndexOf(':'));
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        return ip.startsWith("::ffff:") ? ip.substring("::ffff:".length()) : ip;
    }
}

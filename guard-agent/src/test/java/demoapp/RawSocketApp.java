package demoapp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain {@code java.net.Socket}s, no HTTP client: {@code <port> <maxAttempts>}. Listens on 127.0.0.1:port and
 * connects to itself, holding every connection open, until a connect fails (or the attempts or 20 s run out);
 * prints what it caught, suppressed exceptions included.
 */
public final class RawSocketApp {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int maxAttempts = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", port), 200);
            Thread acceptor = new Thread(() -> accept(server, held), "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            for (int attempt = 1; attempt <= maxAttempts && System.nanoTime() < deadline; attempt++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    synchronized (held) {
                        held.add(s);
                    }
                } catch (IOException e) {
                    s.close();
                    System.out.println("attempt=" + attempt);
                    System.out.println("exception=" + e.getClass().getName());
                    System.out.println("message=" + e.getMessage());
                    for (Throwable suppressed : e.getSuppressed()) {
                        System.out.println("suppressed=" + suppressed.getClass().getName() + ": "
                                + suppressed.getMessage().replace('\n', ' '));
                    }
                    break;
                }
            }
        } finally {
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
        System.out.println("done");
    }

    private static void accept(ServerSocket server, List<Socket> held) {
        try {
            while (true) {
                Socket accepted = server.accept();
                synchronized (held) {
                    held.add(accepted);
                }
            }
        } catch (IOException closed) {
            // the server closed: the app is done
        }
    }
}

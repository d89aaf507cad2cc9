package dev.portguard.agent.internal.clients.jdkhttp;

import dev.portguard.core.spi.ClosedBy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who closed a java.net.http connection first, read from its non-blocking channel as the client closes it: real
 * loopback connections, a server that keeps its end open, closes it, or sent bytes the client has not read.
 */
class JdkClosesTest {
    @Test
    void aServerStillOpenMeansTheClientClosesFirst() throws IOException {
        try (Pair pair = new Pair()) {
            assertThat(JdkCloses.closedBy(pair.client)).isEqualTo(ClosedBy.CLIENT);
        }
    }

    @Test
    void theServersEndOfStreamMeansTheServerClosedFirst() throws Exception {
        try (Pair pair = new Pair()) {
            pair.server.close();
            ClosedBy by = ClosedBy.CLIENT;
            // the end of stream crosses loopback at once; a loaded machine only delays it
            for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                 by == ClosedBy.CLIENT && System.nanoTime() < deadline; Thread.sleep(5)) {
                by = JdkCloses.closedBy(pair.client);
            }
            assertThat(by).isEqualTo(ClosedBy.SERVER);
            assertThat(JdkCloses.closedBy(pair.client)).as("and stays so").isEqualTo(ClosedBy.SERVER);
        }
    }

    @Test
    void bytesNotYetReadCannotTell() throws Exception {
        try (Pair pair = new Pair()) {
            pair.server.write(ByteBuffer.wrap(new byte[] {'o', 'k'}));
            ClosedBy by = ClosedBy.CLIENT;
            for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                 by == ClosedBy.CLIENT && System.nanoTime() < deadline; Thread.sleep(5)) {
                by = JdkCloses.closedBy(pair.client);
            }
            assertThat(by).isEqualTo(ClosedBy.UNKNOWN);
        }
    }

    @Test
    void aBlockingOrClosedChannelCannotTell() throws IOException {
        try (Pair pair = new Pair()) {
            pair.client.configureBlocking(true);
            assertThat(JdkCloses.closedBy(pair.client)).isEqualTo(ClosedBy.UNKNOWN);
            pair.client.close();
            assertThat(JdkCloses.closedBy(pair.client)).isEqualTo(ClosedBy.UNKNOWN);
            assertThat(JdkCloses.closedBy(null)).isEqualTo(ClosedBy.UNKNOWN);
        }
    }

    /** A connected loopback pair, the client's end non-blocking as the JDK's client keeps it. */
    private static final class Pair implements AutoCloseable {
        final ServerSocketChannel listener = ServerSocketChannel.open();
        final SocketChannel client;
        final SocketChannel server;

        Pair() throws IOException {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = SocketChannel.open(listener.getLocalAddress());
            server = listener.accept();
            client.configureBlocking(false);
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
            listener.close();
        }
    }
}

package dev.portguard.it.grpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server (Netty, shaded) on loopback TCP answering {@link Echo#CALL}. It counts what it saw: TCP
 * connections (each transport that became ready), RPCs, and the most RPCs in flight at once. A reply delay keeps RPCs
 * in flight together. Clients of any transport call it: it is the server's count that the guard's must equal.
 */
public final class GrpcLoopbackServer implements AutoCloseable {
    /** {@link Echo#CALL}, the method this server answers. */
    public static final MethodDescriptor<String, String> ECHO = Echo.CALL;

    private final Server server;
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();
    private final long delayMillis;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    public GrpcLoopbackServer() throws IOException {
        this(Duration.ZERO);
    }

    public GrpcLoopbackServer(Duration replyDelay) throws IOException {
        this.delayMillis = replyDelay.toMillis();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes attributes) {
                        connections.incrementAndGet();
                        return attributes;
                    }
                })
                .addService(ServerServiceDefinition.builder(Echo.SERVICE).addMethod(ECHO, this::echo).build())
                .build()
                .start();
    }

    private ServerCall.Listener<String> echo(ServerCall<String, String> call, Metadata headers) {
        requests.incrementAndGet();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        call.request(1);
        return new ServerCall.Listener<>() {
            private String message = "";

            @Override
            public void onMessage(String m) {
                message = m;
            }

            @Override
            public void onHalfClose() {
                if (delayMillis > 0) {
                    replies.schedule(this::reply, delayMillis, TimeUnit.MILLISECONDS);
                } else {
                    reply();
                }
            }

            @Override
            public void onCancel() {
                inFlight.decrementAndGet();
            }

            private void reply() {
                inFlight.decrementAndGet();
                call.sendHeaders(new Metadata());
                call.sendMessage(message);
                call.close(Status.OK, new Metadata());
            }
        };
    }

    /** {@code 127.0.0.1:port}: a channel target, and the destination the guard reports. */
    public String target() {
        return "127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    public String destination() {
        return target();
    }

    public int connections() {
        return connections.get();
    }

    public int requests() {
        return requests.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
        replies.shutdownNow();
    }
}

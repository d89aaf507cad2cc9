package demoapp;

import dev.portguard.it.grpc.Echo;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.stub.ClientCalls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified gRPC-java app calling {@link Echo#CALL} on {@code 127.0.0.1}:
 * {@code <port> <rpcs> <variant>}. The per-call variants build a channel for every RPC and shut it down after:
 * {@code per-call} (NettyChannelBuilder), {@code per-call-managed} (ManagedChannelBuilder.forTarget),
 * {@code per-call-grpc} (Grpc.newChannelBuilder: whichever transport the class path holds),
 * {@code per-call-okhttp} (OkHttpChannelBuilder.forAddress); {@code per-call-okhttp-unclosed} never shuts its
 * channels down. {@code shared-concurrent} and {@code shared-concurrent-okhttp} send their RPCs 100 at a time over
 * one channel. Each transport's classes are touched only by its own variants, so the app runs with either alone.
 */
public final class GrpcApp {
    /** Channels the unclosed variant built and never shut down (held so that none is collected either). */
    private static final List<ManagedChannel> NEVER_SHUT_DOWN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rpcs = Integer.parseInt(args[1]);
        String variant = args[2];
        System.out.println("transports: " + transports());
        if (variant.startsWith("shared-concurrent")) {
            ManagedChannel channel = variant.endsWith("-okhttp")
                    ? OkHttpChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build()
                    : NettyChannelBuilder.forTarget("127.0.0.1:" + port).usePlaintext().build();
            for (int sent = 0; sent < rpcs; sent += 100) {
                List<Future<String>> round = new ArrayList<>();
                for (int i = 0; i < Math.min(100, rpcs - sent); i++) {
                    round.add(ClientCalls.futureUnaryCall(channel.newCall(Echo.CALL, CallOptions.DEFAULT), "hi"));
                }
                for (Future<String> f : round) {
                    f.get(10, TimeUnit.SECONDS);
                }
            }
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        } else {
            for (int i = 0; i < rpcs; i++) {
                fetch(port, variant);
            }
        }
        System.out.println("done");
    }

    static void fetch(int port, String variant) throws InterruptedException {
        String target = "127.0.0.1:" + port;
        ManagedChannel channel = switch (variant) {
            case "per-call" -> NettyChannelBuilder.forTarget(target).usePlaintext().build();
            case "per-call-managed" -> ManagedChannelBuilder.forTarget(target).usePlaintext().build();
            case "per-call-grpc" -> Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
            case "per-call-okhttp", "per-call-okhttp-unclosed" ->
                    OkHttpChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            default -> throw new IllegalArgumentException(variant);
        };
        if (variant.endsWith("-unclosed")) {
            NEVER_SHUT_DOWN.add(channel);
            ClientCalls.blockingUnaryCall(channel, Echo.CALL, CallOptions.DEFAULT, "hi");
            return;
        }
        try {
            ClientCalls.blockingUnaryCall(channel, Echo.CALL, CallOptions.DEFAULT, "hi");
        } finally {
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The channel transports on the class path, as the test checks which one carried the RPCs. */
    private static String transports() {
        List<String> found = new ArrayList<>();
        if (present("io.grpc.netty.shaded.io.grpc.netty.NettyChannelProvider")) {
            found.add("netty-shaded");
        }
        if (present("io.grpc.okhttp.OkHttpChannelProvider")) {
            found.add("okhttp");
        }
        return String.join(",", found);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, GrpcApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

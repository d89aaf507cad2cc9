package demoapp;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified gRPC-java app calling {@code portguard.Echo/Call}:
 * {@code <target> <rpcs> per-call|per-call-managed|per-call-grpc|shared-concurrent}. The per-call variants build a
 * channel for every RPC (with NettyChannelBuilder, ManagedChannelBuilder.forTarget or Grpc.newChannelBuilder) and
 * shut it down after; shared-concurrent sends its RPCs 100 at a time over one channel.
 */
public final class GrpcApp {
    static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("portguard.Echo/Call")
            .setRequestMarshaller(new Utf8())
            .setResponseMarshaller(new Utf8())
            .build();

    public static void main(String[] args) throws Exception {
        String target = args[0];
        int rpcs = Integer.parseInt(args[1]);
        String variant = args[2];
        if (variant.equals("shared-concurrent")) {
            ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
            for (int sent = 0; sent < rpcs; sent += 100) {
                List<Future<String>> round = new ArrayList<>();
                for (int i = 0; i < Math.min(100, rpcs - sent); i++) {
                    round.add(ClientCalls.futureUnaryCall(channel.newCall(ECHO, CallOptions.DEFAULT), "hi"));
                }
                for (Future<String> f : round) {
                    f.get(10, TimeUnit.SECONDS);
                }
            }
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        } else {
            for (int i = 0; i < rpcs; i++) {
                fetch(target, variant);
            }
        }
        System.out.println("done");
    }

    static void fetch(String target, String variant) throws InterruptedException {
        ManagedChannel channel = switch (variant) {
            case "per-call" -> NettyChannelBuilder.forTarget(target).usePlaintext().build();
            case "per-call-managed" -> ManagedChannelBuilder.forTarget(target).usePlaintext().build();
            case "per-call-grpc" -> Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
            default -> throw new IllegalArgumentException(variant);
        };
        try {
            ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "hi");
        } finally {
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

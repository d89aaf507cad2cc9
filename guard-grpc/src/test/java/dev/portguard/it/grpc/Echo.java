package dev.portguard.it.grpc;

import io.grpc.MethodDescriptor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one RPC the gRPC tests speak, {@code portguard.Echo/Call}: unary, a string each way as UTF-8 bytes, defined by
 * hand (no protoc). The loopback server and every test client (in-process or an app in its own JVM, on any gRPC
 * release and transport) share it. It links against grpc-api alone.
 */
public final class Echo {
    public static final String SERVICE = "portguard.Echo";

    public static final MethodDescriptor<String, String> CALL = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Call"))
            .setRequestMarshaller(Utf8.INSTANCE)
            .setResponseMarshaller(Utf8.INSTANCE)
            .build();

    private Echo() {
    }

    /** Strings as UTF-8 bytes, the whole message. */
    private enum Utf8 implements MethodDescriptor.Marshaller<String> {
        INSTANCE;

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

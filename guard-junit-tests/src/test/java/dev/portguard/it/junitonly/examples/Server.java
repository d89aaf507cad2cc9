package dev.portguard.it.junitonly.examples;

import dev.portguard.testing.LoopbackHttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one loopback server the examples call; it counts what it saw. */
public final class Server {
    public static final LoopbackHttpServer SERVER = start();

    private Server() {
    }

    private static LoopbackHttpServer start() {
        try {
            return new LoopbackHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

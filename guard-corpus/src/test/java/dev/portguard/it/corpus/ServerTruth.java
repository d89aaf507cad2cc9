package dev.portguard.it.corpus;

import java.io.IOException;

/** What one loopback server saw: the truth the guard's counts are compared with. */
interface ServerTruth extends AutoCloseable {
    /** {@code host:port}, as the guard names the destination. */
    String destination();

    long requests();

    long connections();

    @Override
    void close() throws IOException;
}

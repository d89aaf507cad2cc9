package dev.portguard.core;

/** Undoes a registration, such as a {@link FindingListener}'s. Closing twice is harmless. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}

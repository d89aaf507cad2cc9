package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.PoolDestination;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Tells the guard when a streamed response entity reads, so a long download or an event stream that keeps reading
 * is never taken for a leak. Only entities of unknown length or over {@link #STREAMED_BYTES} are wrapped (an entity
 * and a stream per such response); the others are read in one go or not at all, and the leak age alone judges them.
 */
final class ReadProgress {
    static final long STREAMED_BYTES = 64 * 1024;

    private ReadProgress() {
    }

    static void watch(ClassicHttpResponse response, PoolDestination destination, Object lease) {
        try {
            HttpEntity entity = response == null ? null : response.getEntity();
            if (entity == null || !entity.isStreaming()) {
                return;
            }
            long length = entity.getContentLength();
            if (length >= 0 && length <= STREAMED_BYTES) {
                return;
            }
            response.setEntity(new Watched(entity, destination, lease));
        } catch (RuntimeException | LinkageError e) {
            // never break the exchange
        }
    }

    private static final class Watched extends HttpEntityWrapper {
        private final PoolDestination destination;
        private final Object lease;

        Watched(HttpEntity entity, PoolDestination destination, Object lease) {
            super(entity);
            this.destination = destination;
            this.lease = lease;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    progressed();
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    progressed();
                    return n;
                }
            };
        }

        private void progressed() {
            try {
                destination.leaseProgressed(lease);
            } catch (RuntimeException | LinkageError e) {
                // never break the read
            }
        }
    }
}

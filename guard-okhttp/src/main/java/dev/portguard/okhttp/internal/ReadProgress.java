package dev.portguard.okhttp.internal;

import dev.portguard.core.spi.ClientPool;
import dev.portguard.core.spi.PoolDestination;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

import java.io.IOException;

/**
 * Tells the guard when a streamed response body reads, so a long download or an event stream that keeps reading is
 * never taken for a leak: OkHttp's listener says when a body ends, not that it is being read. Only bodies of unknown
 * length or over {@link #STREAMED_BYTES} are wrapped (two small objects per such response); the others are read in
 * one go or not at all, and the leak age alone judges them.
 */
public final class ReadProgress implements Interceptor {
    static final long STREAMED_BYTES = 64 * 1024;

    private final ClientPool pool;

    public ReadProgress(ClientPool pool) {
        this.pool = pool;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        try {
            ResponseBody body = response.body();
            if (body == null) {
                return response;
            }
            long length = body.contentLength();
            if (length >= 0 && length <= STREAMED_BYTES) {
                return response;
            }
            HttpUrl url = chain.request().url(); // this exchange's host: a redirect's own
            PoolDestination destination = pool.destination(url.host(), url.port());
            return response.newBuilder().body(new ProgressBody(body, destination, chain.call())).build();
        } catch (RuntimeException | LinkageError e) {
            return response; // never break the call
        }
    }

    private static final class ProgressBody extends ResponseBody {
        private final ResponseBody body;
        private final BufferedSource source;

        ProgressBody(ResponseBody body, PoolDestination destination, Call call) {
            this.body = body;
            this.source = Okio.buffer(new ForwardingSource(body.source()) {
                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long read = super.read(sink, byteCount);
                    try {
                        destination.leaseProgressed(call);
                    } catch (RuntimeException | LinkageError ignored) {
                        // never break the read
                    }
                    return read;
                }
            });
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }

        @Override
        public void close() {
            body.close(); // what this wraps: closing it releases the connection, as closing the original would
        }
    }
}

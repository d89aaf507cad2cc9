package dev.portguard.corpus;

import dev.portguard.core.PortGuard;
import dev.portguard.httpclient5.HttpClient5Guard;
import dev.portguard.okhttp.OkHttpGuard;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.nio.file.Path;

/** The library path's calls, in a class of their own: under the agent, no PortGuard class is on the class path. */
final class Guards {
    private Guards() {
    }

    static OkHttpClient.Builder okhttp(OkHttpClient.Builder builder) {
        return OkHttpGuard.instrument(builder);
    }

    static org.apache.hc.client5.http.impl.classic.HttpClientBuilder hc5(
            org.apache.hc.client5.http.impl.classic.HttpClientBuilder builder) {
        return HttpClient5Guard.instrument(builder);
    }

    static org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder hc5(
            org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder builder) {
        return HttpClient5Guard.instrument(builder);
    }

    static void writeReport() throws IOException {
        PortGuard.global().writeReport(Path.of(System.getProperty("portguard.report")));
    }
}

package dev.portguard.samples;

import dev.portguard.core.PortGuard;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/** One way of calling the demo API: an anti-pattern or its fix. */
interface Scenario {
    /** A short title, such as "new OkHttpClient per request". */
    String title();

    /** True for the fix, false for the anti-pattern. */
    boolean healthy();

    /** Makes the scenario's requests against {@code server}, reporting to {@code guard}. */
    void run(DemoServer server, PortGuard guard) throws Exception;

    static void get(OkHttpClient client, String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            response.body().string();
        }
    }
}

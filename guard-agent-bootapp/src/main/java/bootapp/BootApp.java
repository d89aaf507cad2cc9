package bootapp;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * Makes {@code args[1]} GETs to {@code args[0]}, each through a new OkHttpClient created in {@link #fetch}: the
 * anti-pattern the agent must find, here with OkHttp loaded from a nested jar of a Spring Boot executable jar.
 * With {@code serve <url> <port>} it runs as a Spring Boot web application with the actuator's Prometheus endpoint
 * on {@code port} instead ({@link WebApp}), calling {@code url} the same way until stopped.
 */
public final class BootApp {
    private BootApp() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("serve")) {
            WebApp.serve(args[1], Integer.parseInt(args[2]));
            return;
        }
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        for (int i = 0; i < requests; i++) {
            fetch(url);
        }
        System.out.println("bootapp done: " + requests + " requests");
    }

    static void fetch(String url) throws IOException {
        OkHttpClient client = new OkHttpClient();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            response.body().string();
        }
    }
}

package demoapp;

import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * A shared OkHttp client calling {@code <hosts>} loopback hosts (127.0.x.y, one server listening on all of them)
 * in turn for {@code <millis>} ms, then exiting normally; 0 runs until killed. Many destinations make a large
 * report, so the agent's periodic write takes a while.
 */
public final class ManyHostsApp {
    public static void main(String[] args) throws IOException {
        int hosts = Integer.parseInt(args[0]);
        long millis = Long.parseLong(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(0), 128);
        server.createContext("/", exchange -> {
            byte[] body = {'o', 'k'};
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        OkHttpClient client = new OkHttpClient();
        long deadline = millis == 0 ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
        boolean announced = false;
        for (int i = 0; System.nanoTime() < deadline; i = (i + 1) % hosts) {
            String url = "http://127.0." + (1 + i / 250) + "." + (1 + i % 250) + ":" + port + "/";
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                response.body().string();
            }
            if (i == hosts - 1 && !announced) {
                System.out.println("all hosts called");
                announced = true;
            }
        }
        System.out.println("done");
        System.exit(0);
    }
}

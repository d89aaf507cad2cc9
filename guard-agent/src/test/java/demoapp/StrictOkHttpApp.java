package demoapp;

import dev.portguard.core.PoolMisuseException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * An app run with {@code mode=strict}, whose code names the exception strict mode throws:
 * {@code <url> <calls>}, a new client per call, each failure caught and counted.
 */
public final class StrictOkHttpApp {
    public static void main(String[] args) throws IOException {
        String url = args[0];
        int calls = Integer.parseInt(args[1]);
        int caught = 0;
        for (int i = 1; i <= calls; i++) {
            try (Response response = new OkHttpClient().newCall(new Request.Builder().url(url).build()).execute()) {
                response.body().string();
            } catch (PoolMisuseException e) {
                caught++;
                System.out.println("caught " + e.getClass().getName() + " at call " + i + ": "
                        + e.finding().type() + " from " + e.getClass().getClassLoader());
            }
        }
        System.out.println("done, caught " + caught);
    }
}

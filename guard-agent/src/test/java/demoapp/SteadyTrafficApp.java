package demoapp;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A service calling {@code url} about 25 times a second until it is stopped: {@code per-request} builds an
 * OkHttpClient per call (the anti-pattern), {@code shared} reuses one.
 */
public final class SteadyTrafficApp {
    private static final OkHttpClient SHARED = new OkHttpClient();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean perRequest = args[1].equals("per-request");
        System.out.println("calling " + args[1]);
        while (true) {
            OkHttpClient client = perRequest ? new OkHttpClient() : SHARED;
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                response.body().string();
            }
            Thread.sleep(40);
        }
    }
}

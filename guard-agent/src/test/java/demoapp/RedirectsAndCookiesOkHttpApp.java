package demoapp;

import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OkHttp app that builds a client per request and follows a redirect that sets a cookie:
 * {@code <base-url> <requests> none|own|shared}: no cookie jar (OkHttp's default), a jar per client, or one jar
 * for all. Prints the answers it got, tallied, in the order they came (a shared jar sends more cookies each time).
 */
public final class RedirectsAndCookiesOkHttpApp {
    private static final Jar SHARED_JAR = new Jar();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int requests = Integer.parseInt(args[1]);
        String cookies = args[2];
        Map<String, Integer> responses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            OkHttpClient client = newClient(cookies);
            try (Response response = client.newCall(new Request.Builder().url(base + "/login/" + i).build())
                    .execute()) {
                responses.merge(response.code() + " " + response.request().url().encodedPath() + " "
                        + response.body().string(), 1, Integer::sum);
            }
        }
        System.out.println("responses " + responses);
        System.out.println("done");
    }

    static OkHttpClient newClient(String cookies) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (cookies.equals("own")) {
            builder.cookieJar(new Jar());
        } else if (cookies.equals("shared")) {
            builder.cookieJar(SHARED_JAR);
        }
        return builder.build();
    }

    /** Keeps every cookie it is given and sends them all back. */
    static final class Jar implements CookieJar {
        private final List<Cookie> cookies = new ArrayList<>();

        @Override
        public synchronized void saveFromResponse(HttpUrl url, List<Cookie> list) {
            cookies.addAll(list);
        }

        @Override
        public synchronized List<Cookie> loadForRequest(HttpUrl url) {
            return new ArrayList<>(cookies);
        }
    }
}

package dev.portguard.samples.snat;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pod's service calling the external API at a steady rate, printing one line per second of what it saw.
 * <ul>
 * <li>{@code per-request URL RATE CONTROL}: builds a new OkHttpClient per request, the bug; each dropped client keeps
 * its connection idle in its own pool for OkHttp's five minutes, holding a node SNAT port. When the file
 * {@code CONTROL} says {@code shared}, it switches to one shared client and, as the rolled-out fix's restart would,
 * closes what the old clients held.</li>
 * <li>{@code shared URL RATE}: one shared client, the healthy service. The API closes a connection after a few
 * requests, so now and then it needs a new connection, and so a node SNAT port.</li>
 * </ul>
 */
public final class PodService {
    private PodService() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        double rate = Double.parseDouble(args[2]);
        Path control = args.length > 3 ? Path.of(args[3]) : null;
        long periodNanos = (long) (1e9 / rate);
        OkHttpClient shared = sharedClient();
        List<OkHttpClient> dropped = new ArrayList<>(); // only so that the fix can close them, as a restart would
        boolean perRequest = mode.equals("per-request");
        long ok = 0;
        long timeouts = 0;
        long otherFailures = 0;
        long nextLine = System.nanoTime() + 1_000_000_000L;
        long next = System.nanoTime();
        while (true) {
            if (perRequest && control != null && Files.exists(control)
                    && Files.readString(control).trim().equals("shared")) {
                perRequest = false;
                for (OkHttpClient c : dropped) {
                    c.connectionPool().evictAll();
                }
                dropped.clear();
                System.out.println(stamp() + " switched to one shared client");
            }
            OkHttpClient client = perRequest ? newClientPerRequest() : shared;
            if (perRequest) {
                dropped.add(client);
            }
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                response.body().string();
                ok++;
            } catch (IOException e) {
                if (isTimeout(e)) {
                    timeouts++;
                } else {
                    otherFailures++;
                }
            }
            long now = System.nanoTime();
            if (now >= nextLine) {
                System.out.println(stamp() + " ok " + ok + " connect_timeouts " + timeouts + " other_failures "
                        + otherFailures + (perRequest ? " (new client per request)" : " (shared client)"));
                System.out.flush();
                nextLine = now + 1_000_000_000L;
            }
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** The bug, as it is usually written: a client built where it is used. */
    private static OkHttpClient newClientPerRequest() {
        return new OkHttpClient.Builder().connectTimeout(1, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false).build();
    }

    /** The fix: one client, built once. */
    private static OkHttpClient sharedClient() {
        return new OkHttpClient.Builder().connectTimeout(1, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false).build();
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || String.valueOf(t.getMessage()).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String stamp() {
        return Long.toString(System.currentTimeMillis());
    }
}

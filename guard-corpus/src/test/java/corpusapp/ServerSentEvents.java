package corpusapp;

import dev.portguard.corpus.Corpus;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** Healthy: event streams read line by line to their end, then opened again, on one shared client. {@code <url> <streams>} */
public final class ServerSentEvents {
    public static void main(String[] raw) throws Exception {
        String[] args = Corpus.args(raw);
        OkHttpClient client = Corpus.okhttp(new OkHttpClient.Builder()).build();
        int events = 0;
        for (int s = 0; s < Integer.parseInt(args[1]); s++) {
            Request request = new Request.Builder().url(args[0]).header("Accept", "text/event-stream").build();
            try (Response response = client.newCall(request).execute()) {
                BufferedSource source = response.body().source();
                String line;
                while ((line = source.readUtf8Line()) != null) {
                    if (line.startsWith("data:")) {
                        events++;
                    }
                }
            }
        }
        System.out.println(events + " events");
        Corpus.done();
    }
}

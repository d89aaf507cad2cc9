package demoapp;

import dev.portguard.agent.GuardAgent;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A test JVM without {@code -javaagent}: installs the agent from code, then makes the classic mistake, a new
 * OkHttpClient per request. {@code <url> <requests>}.
 */
public final class SelfInstallApp {
    public static void main(String[] args) throws Exception {
        System.out.println("installed before=" + GuardAgent.isInstalled());
        GuardAgent.install();
        GuardAgent.install(); // idempotent
        System.out.println("installed after=" + GuardAgent.isInstalled());
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            fetch(args[0]);
        }
        System.out.println("done");
    }

    static void fetch(String url) throws Exception {
        OkHttpClient client = new OkHttpClient();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            response.body().string();
        }
    }
}

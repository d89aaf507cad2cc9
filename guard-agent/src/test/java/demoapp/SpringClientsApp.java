package demoapp;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * An unmodified Spring app calling through RestTemplate, RestClient or WebClient with their default request
 * factories (whichever client the class path offers): {@code <url> <requests> <api>-per-request|<api>-shared},
 * api one of rest-template, rest-client, web-client. per-request builds the Spring client for every request;
 * shared keeps 8 requests in flight through one (4 for RestTemplate, within HttpURLConnection's keep-alive cache).
 */
public final class SpringClientsApp {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int requests = Integer.parseInt(args[1]);
        String variant = args[2];
        if (variant.endsWith("-per-request")) {
            String api = variant.substring(0, variant.length() - "-per-request".length());
            for (int i = 0; i < requests; i++) {
                fetch(api, url);
            }
        } else if (variant.equals("web-client-shared")) {
            WebClient client = WebClient.create();
            Flux.range(0, requests)
                    .flatMap(i -> client.get().uri(url).retrieve().bodyToMono(String.class), 8)
                    .blockLast();
        } else if (variant.equals("rest-template-shared")) {
            // HttpURLConnection keeps 5 idle connections per destination (http.maxConnections): 4 threads fit
            RestTemplate client = new RestTemplate();
            ClientAppRuns.onThreads(4, requests, () -> check(client.getForObject(url, String.class)));
        } else if (variant.equals("rest-client-shared")) {
            RestClient client = RestClient.create();
            ClientAppRuns.onThreads(8, requests, () -> check(client.get().uri(url).retrieve().body(String.class)));
        } else {
            throw new IllegalArgumentException(variant);
        }
        System.out.println("done");
        // a Jetty client Spring built per request is never stopped, and its threads would keep the JVM alive
        System.exit(0);
    }

    static void fetch(String api, String url) {
        switch (api) {
            case "rest-template" -> check(new RestTemplate().getForObject(url, String.class));
            case "rest-client" -> check(RestClient.create().get().uri(url).retrieve().body(String.class));
            case "web-client" -> check(WebClient.create().get().uri(url).retrieve().bodyToMono(String.class).block());
            default -> throw new IllegalArgumentException(api);
        }
    }

    private static void check(String body) {
        if (body == null) {
            throw new IllegalStateException("no body");
        }
    }
}

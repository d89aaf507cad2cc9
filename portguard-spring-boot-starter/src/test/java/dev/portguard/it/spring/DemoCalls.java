package dev.portguard.it.spring;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The application's outgoing calls, written the two ways applications write them. */
@Component
public class DemoCalls {
    private final RestTemplateBuilder restTemplateBuilder;
    private final RestClient shared;

    public DemoCalls(RestTemplateBuilder restTemplateBuilder, RestClient.Builder restClientBuilder) {
        this.restTemplateBuilder = restTemplateBuilder;
        this.shared = restClientBuilder.build();
    }

    /** The mistake: a new RestTemplate, so a new HttpClient and connection pool, for every call. */
    public String withNewClient(String url) {
        return restTemplateBuilder.build().getForObject(url, String.class);
    }

    /** Healthy: one RestClient for the application's life, its connections kept alive and reused. */
    public String withSharedClient(String url) {
        return shared.get().uri(url).retrieve().body(String.class);
    }
}

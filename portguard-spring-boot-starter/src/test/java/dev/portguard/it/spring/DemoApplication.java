package dev.portguard.it.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A plain Spring Boot web application with actuator, Micrometer's Prometheus registry and HttpClient 5. */
@SpringBootApplication
public class DemoApplication {
}

package bootapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The web application: the actuator exposes {@code /actuator/prometheus}; a thread keeps calling out. */
@SpringBootApplication
public class WebApp {
    static void serve(String url, int port) {
        SpringApplication app = new SpringApplication(WebApp.class);
        app.setDefaultProperties(Map.of(
                "server.port", Integer.toString(port),
                "server.address", "127.0.0.1",
                "management.endpoints.web.exposure.include", "prometheus,health",
                "spring.main.banner-mode", "off"));
        app.run();
        Thread caller = new Thread(() -> {
            while (true) {
                try {
                    BootApp.fetch(url);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.out.println("call failed: " + e);
                }
            }
        }, "caller");
        caller.setDaemon(true);
        caller.start();
        System.out.println("bootapp serving on " + port);
    }
}

package dev.portguard.testing.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code chromium}, headless, driven over its DevTools protocol with the JDK's own WebSocket client. Its
 * proxy points at a port nothing listens on, so a page that reached for the network could load nothing; the
 * DevTools Network events say whether it tried. Each {@link #load} is a fresh browser with a fresh profile.
 */
public final class HeadlessChromium {
    /** Set (to 1) where the browser tests must run, as in CI: a missing {@code chromium} then fails the test. */
    public static final String REQUIRED_ENV = "CHROMIUM_REQUIRED";
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String binary;

    private HeadlessChromium(String binary) {
        this.binary = binary;
    }

    /**
     * The browser, or the calling test skipped with the reason; where {@value #REQUIRED_ENV}=1 a missing browser
     * fails the test instead.
     */
    public static HeadlessChromium findOrSkip() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return new HeadlessChromium(candidate);
            }
        }
        String whyNot = "no chromium on this machine (Debian: apt-get install chromium; .ci/run installs it)";
        if ("1".equals(System.getenv(REQUIRED_ENV))) {
            fail(REQUIRED_ENV + "=1 but " + whyNot);
        }
        System.err.println("skipped: " + whyNot);
        assumeTrue(false, whyNot);
        throw new AssertionError("unreachable: assumeTrue(false) aborts the test");
    }

    /**
     * Loads {@code page} (a file) at {@code width} CSS pixels wide, waits for its load event, and saves a screenshot
     * of the whole page to {@code screenshot} (PNG) unless that is {@code null}.
     */
    public PageLoad load(Path page, int width, Path screenshot) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("portguard-chromium");
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there while the browser runs
        }
        List<String> command = List.of(binary, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--user-data-dir=" + profile, "--proxy-server=http://127.0.0.1:" + deadPort,
                "--proxy-bypass-list=<-loopback>", "--remote-debugging-port=0", "--window-size=" + width + ",800",
                "--enable-logging=stderr", "--v=0", "about:blank");
        Process browser = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try {
            String endpoint = endpoint(browser, log);
            try (Session devtools = Session.open(endpoint)) {
                return drive(devtools, page, width, screenshot);
            }
        } finally {
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            deleteTree(profile);
        }
    }

    private static PageLoad drive(Session devtools, Path page, int width, Path screenshot)
            throws IOException, InterruptedException {
        JsonObject target = devtools.call(null, "Target.createTarget", Map.of("url", "about:blank"));
        JsonObject attached = devtools.call(null, "Target.attachToTarget",
                Map.of("targetId", target.get("targetId").getAsString(), "flatten", true));
        String session = attached.get("sessionId").getAsString();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            devtools.call(session, domain + ".enable", Map.of());
        }
        devtools.call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        String url = page.toAbsolutePath().toUri().toString();
        devtools.call(session, "Page.navigate", Map.of("url", url));
        devtools.await("Page.loadEventFired", WAIT);
        devtools.call(session, "Runtime.evaluate", Map.of("expression",
                "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", "awaitPromise", true));
        String text = devtools.call(session, "Runtime.evaluate", Map.of("expression", "document.body.innerText",
                "returnByValue", true)).getAsJsonObject("result").get("value").getAsString();
        int charts = devtools.call(session, "Runtime.evaluate", Map.of("expression",
                "[...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width > 0).length",
                "returnByValue", true)).getAsJsonObject("result").get("value").getAsInt();
        if (screenshot != null) {
            JsonObject shot = devtools.call(session, "Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true));
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            Files.write(screenshot, Base64.getDecoder().decode(shot.get("data").getAsString()));
        }
        List<String> requests = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonObject event : devtools.events()) {
            String method = event.get("method").getAsString();
            JsonObject params = event.getAsJsonObject("params");
            switch (method) {
                case "Network.requestWillBeSent" -> {
                    String asked = params.getAsJsonObject("request").get("url").getAsString();
                    if (!asked.equals(url)) {
                        requests.add(asked);
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.getAsJsonObject("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.get("type").getAsString();
                    if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                        errors.add("console." + type + ": " + params.get("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    JsonObject entry = params.getAsJsonObject("entry");
                    if (!entry.get("level").getAsString().equals("verbose")
                            && !entry.get("level").getAsString().equals("info")) {
                        errors.add("log " + entry.get("level").getAsString() + ": " + entry.get("text").getAsString());
                    }
                }
                default -> {
                }
            }
        }
        return new PageLoad(url, requests, errors, text, charts);
    }

    private static String endpoint(Process browser, StringBuilder log) throws IOException, InterruptedException {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the browser went away; the wait below says so
            }
            found.completeExceptionally(new IOException("chromium ended before DevTools listened"));
        }, "chromium-log");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            synchronized (log) {
                throw new IOException("chromium's DevTools did not start: " + e + "\n" + log);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary profile left behind is harmless
        }
    }

    /** One DevTools connection: calls with ids, their answers, and every event kept in order. */
    private static final class Session implements WebSocket.Listener, AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        private final List<JsonObject> seen = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Session open(String endpoint) {
            Session s = new Session();
            s.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(endpoint), s).join();
            return s;
        }

        JsonObject call(String session, String method, Map<String, ?> params) throws IOException {
            int id = ids.incrementAndGet();
            JsonObject message = new JsonObject();
            message.addProperty("id", id);
            message.addProperty("method", method);
            message.add("params", new com.google.gson.Gson().toJsonTree(params));
            if (session != null) {
                message.addProperty("sessionId", session);
            }
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(message.toString(), true).join();
            JsonObject reply;
            try {
                reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException(method + " got no answer: " + e);
            }
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.getAsJsonObject("result");
        }

        void await(String method, Duration wait) throws InterruptedException, IOException {
            long until = System.nanoTime() + wait.toNanos();
            synchronized (seen) {
                for (JsonObject e : seen) {
                    if (e.get("method").getAsString().equals(method)) {
                        return;
                    }
                }
            }
            while (System.nanoTime() < until) {
                JsonObject e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && e.get("method").getAsString().equals(method)) {
                    return;
                }
            }
            throw new IOException("no " + method + " within " + wait);
        }

        List<JsonObject> events() {
            synchronized (seen) {
                return new ArrayList<>(seen);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonElement parsed = JsonParser.parseString(partial.toString());
                partial.setLength(0);
                JsonObject message = parsed.getAsJsonObject();
                if (message.has("id")) {
                    CompletableFuture<JsonObject> answer = pending.remove(message.get("id").getAsInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if (message.has("method")) {
                    synchronized (seen) {
                        seen.add(message);
                    }
                    events.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }
}

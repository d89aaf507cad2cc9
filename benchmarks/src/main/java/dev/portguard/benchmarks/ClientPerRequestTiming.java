package dev.portguard.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Whole-process timing, side by side: {@link ClientPerRequestApp} run without the agent and with each agent jar
 * given, alternating round by round, against one loopback server; prints each round and the medians.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.portguard.benchmarks.ClientPerRequestTiming \
 *     <okhttp|hc5> <rounds> <threads> <requests per thread> <agent.jar>...}</pre>
 */
public final class ClientPerRequestTiming {
    private ClientPerRequestTiming() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        int rounds = Integer.parseInt(args[1]);
        String threads = args[2];
        String requests = args[3];
        List<String> agents = Arrays.asList(args).subList(4, args.length);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(16));
        byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Map<String, List<Long>> times = new LinkedHashMap<>();
        List<String> variants = new ArrayList<>();
        variants.add("");
        variants.addAll(agents);
        for (int round = 0; round < rounds; round++) {
            for (String agent : variants) {
                List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
                if (!agent.isEmpty()) {
                    command.add("-javaagent:" + agent);
                }
                command.addAll(List.of("-cp", classPath, ClientPerRequestApp.class.getName(), client, url,
                        threads, requests));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                long ms = out.lines().filter(l -> l.startsWith("elapsed_ms ")).mapToLong(
                        l -> Long.parseLong(l.substring(11).trim())).findFirst().orElseThrow(
                        () -> new IllegalStateException(out));
                String name = agent.isEmpty() ? "without agent" : agent;
                times.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
                System.out.println("round " + (round + 1) + " " + name + ": " + ms + " ms");
            }
        }
        server.stop(0);
        long base = median(times.get("without agent"));
        StringBuilder json = new StringBuilder("{\"client\": \"" + client + "\", \"threads\": " + threads
                + ", \"requests_per_thread\": " + requests + ", \"runs_ms\": {");
        for (Map.Entry<String, List<Long>> e : times.entrySet()) {
            long m = median(e.getValue());
            System.out.printf("%s: median %d ms (%.2fx) %s%n", e.getKey(), m, (double) m / base, e.getValue());
            json.append(json.charAt(json.length() - 1) == '{' ? "" : ", ").append('"')
                    .append(e.getKey().equals("without agent") ? "without agent" : "agent " + Path.of(e.getKey())
                            .getFileName()).append("\": ").append(e.getValue());
        }
        System.out.println("json " + json.append("}}"));
        System.exit(0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}

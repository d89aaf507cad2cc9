package dev.portguard.core.doctor;

import com.google.gson.JsonObject;
import dev.portguard.core.headroom.ProcFixture;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Doctor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path host(Path dir, int held) throws IOException {
        ProcFixture f = ProcFixture.create(dir, 40000, 40049);
        for (int i = 0; i < held; i++) {
            f.mappedSocket(40000 + i, 127, 0, 0, 1, 8080, 6);
        }
        f.mappedSocket(40049, 127, 0, 0, 1, 8081, 1);
        return f.done(held);
    }

    @Test
    void json_names_the_range_sockets_and_destinations_by_ports_held(@TempDir Path dir) throws IOException {
        int status = run("doctor", "--json", "--proc", host(dir, 30).toString());

        assertThat(status).isEqualTo(Doctor.HEALTHY);
        JsonObject json = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(json.getAsJsonObject("portRange").get("low").getAsInt()).isEqualTo(40000);
        assertThat(json.getAsJsonObject("portRange").get("high").getAsInt()).isEqualTo(40049);
        assertThat(json.get("timeWait").getAsInt()).isEqualTo(30);
        assertThat(json.get("established").getAsInt()).isEqualTo(1);
        JsonObject first = json.getAsJsonArray("destinations").get(0).getAsJsonObject();
        assertThat(first.get("destination").getAsString()).isEqualTo("127.0.0.1:8080");
        assertThat(first.get("portsHeld").getAsInt()).isEqualTo(30);
        assertThat(first.get("headroom").getAsInt()).isEqualTo(20);
        assertThat(json.get("verdict").getAsString()).isEqualTo("healthy");
    }

    @Test
    void low_headroom_is_a_warning_and_none_left_is_critical(@TempDir Path dir) throws IOException {
        assertThat(run("--proc", host(dir.resolve("low"), 45).toString())).isEqualTo(Doctor.WARNING);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("verdict: WARNING", "127.0.0.1:8080",
                "tcp_fin_timeout does not shorten TIME_WAIT");
        out.reset();
        assertThat(run("--proc", host(dir.resolve("full"), 49).toString())).isEqualTo(Doctor.CRITICAL);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("verdict: CRITICAL");
    }

    @Test
    void an_unknown_argument_is_a_usage_error() {
        assertThat(run("--frobnicate")).isEqualTo(Doctor.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }
}

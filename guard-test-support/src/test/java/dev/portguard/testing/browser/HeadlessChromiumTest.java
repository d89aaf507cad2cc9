package dev.portguard.testing.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser check itself: it sees a page's network requests and console errors, and stays quiet for a clean one. */
class HeadlessChromiumTest {
    @Test
    void a_page_that_reaches_out_and_logs_an_error_is_caught(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip();
        Path page = dir.resolve("bad.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>t</title>"
                + "<link rel=\"stylesheet\" href=\"http://fonts.example.invalid/font.css\"></head>"
                + "<body><p>bad</p><img src=\"https://cdn.example.invalid/x.png\">"
                + "<script>console.error('broken')</script></body></html>");
        PageLoad load = chromium.load(page, 600, null);
        assertThat(load.requests()).contains("http://fonts.example.invalid/font.css",
                "https://cdn.example.invalid/x.png");
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("console.error").contains("broken"));
    }

    @Test
    void a_clean_page_makes_no_request_and_no_error_and_is_shot(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip();
        Path page = dir.resolve("clean.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
                + "<title>t</title></head><body><p>clean</p><svg width=\"100\" height=\"50\"><rect width=\"100\""
                + " height=\"50\" fill=\"#1f6fb2\"/></svg></body></html>");
        Path shot = dir.resolve("clean.png");
        PageLoad load = chromium.load(page, 600, shot);
        assertThat(load.requests()).isEmpty();
        assertThat(load.errors()).isEmpty();
        assertThat(load.text()).contains("clean");
        assertThat(load.charts()).isEqualTo(1);
        byte[] png = Files.readAllBytes(shot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
}

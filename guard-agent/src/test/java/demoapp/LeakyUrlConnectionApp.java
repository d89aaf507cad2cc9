package demoapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * An unmodified {@code HttpURLConnection} app, run as {@link LeakyApp} says. {@code leak} asks for four
 * responses and never reads nor closes their streams, so their connections never go back to the JVM's keep-alive
 * cache; {@code close} reads every body to its end and closes it (or reads a part and closes it, or disconnects, or
 * reads responses the server closes its connection after), and runs three slow downloads read while they last.
 */
public final class LeakyUrlConnectionApp {

    public static void main(String[] args) throws Exception {
        LeakyApp.run(args, LeakyUrlConnectionApp::fetchAndForget, LeakyUrlConnectionApp::healthy,
                LeakyUrlConnectionApp::download);
    }

    static void healthy(String base) throws Exception {
        LeakyApp.repeat(40, base + "/small", LeakyUrlConnectionApp::fetchAndClose);
        // the rest is not wanted: closing gives the connection up
        LeakyApp.repeat(3, base + "/big", LeakyUrlConnectionApp::readSomeAndClose);
        LeakyApp.repeat(2, base + "/big", LeakyUrlConnectionApp::fetchAndDisconnect);
        // the server closes each connection after its response
        LeakyApp.repeat(5, base + "/closing", LeakyUrlConnectionApp::fetchAndClose);
    }

    static void fetchAndForget(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        if (connection.getResponseCode() != 200) {
            throw new IOException("status " + connection.getResponseCode());
        }
        LeakyApp.forgot(connection); // its stream is never read nor closed: the connection is never given back
    }

    static void fetchAndClose(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            Downloads.drain(in);
        }
    }

    static void readSomeAndClose(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            if (in.read(new byte[1024]) <= 0) {
                throw new IOException("empty body");
            }
        }
    }

    static void fetchAndDisconnect(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("status " + connection.getResponseCode());
            }
        } finally {
            connection.disconnect();
        }
    }

    static long download(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = connection.getInputStream()) {
            return Downloads.drain(in);
        }
    }
}

package dev.portguard.httpclient5.internal;

import dev.portguard.core.spi.KeepAliveRefusal;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;

/** Reads whether an exchange's messages asked to close the connection, without allocating. */
public final class ConnectionHeaders {
    private ConnectionHeaders() {
    }

    /**
     * Which side asked to close the connection after this exchange, or {@code null} if neither did. A request's
     * {@code Connection: close} is the client's own choice; a response's (or an HTTP/1.0 response without
     * {@code Connection: keep-alive}) is the server's.
     */
    public static KeepAliveRefusal refusal(HttpMessage request, HttpMessage response) {
        if (request != null && hasToken(request, "close")) {
            return KeepAliveRefusal.REQUEST;
        }
        if (response != null) {
            if (hasToken(response, "close")) {
                return KeepAliveRefusal.RESPONSE;
            }
            ProtocolVersion version = response.getVersion();
            if (version != null && version.lessEquals(HttpVersion.HTTP_1_0) && !hasToken(response, "keep-alive")) {
                return KeepAliveRefusal.RESPONSE;
            }
        }
        return null;
    }

    /** True when a {@code Connection} header lists {@code token} (case-insensitive, comma-separated). */
    static boolean hasToken(HttpMessage message, String token) {
        Header header = message.getFirstHeader(HttpHeaders.CONNECTION);
        if (header == null) {
            return false;
        }
        String value = header.getValue();
        if (value == null) {
            return false;
        }
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == ',' || value.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && value.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end - start == token.length() && value.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }
}

package dev.portguard.core.internal.report.timeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values appear in the page: every outside value escaped, numbers and times in one fixed format. */
final class Html {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute, in HTML and in inline SVG alike. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' '); // control characters are not allowed in HTML text
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code 12}, {@code 12.5}: whole numbers without a point, others to one decimal. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Coordinates in the SVG: two decimals, always (a page has tens of thousands: no String.format). */
    static String coordinate(double value) {
        long hundredths = Math.round(value * 100);
        StringBuilder out = new StringBuilder(10);
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        long cents = hundredths % 100;
        return out.append(hundredths / 100).append('.').append(cents < 10 ? "0" : "").append(cents).toString();
    }

    static String clock(Instant at) {
        return CLOCK.format(at);
    }
}

package dev.portguard.core.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON reading for a saved report, so the core needs no library: objects become {@link Map}s in
 * document order, arrays {@link List}s, numbers {@link Double}s. Bad text throws {@link IllegalArgumentException}
 * naming the offset; nesting deeper than {@link #MOST_DEPTH} is refused rather than overflowing the stack.
 */
public final class JsonReader {
    static final int MOST_DEPTH = 64;

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value(0);
        reader.space();
        if (reader.at != text.length()) {
            throw reader.bad("text after the document");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MOST_DEPTH) {
            throw bad("nested too deep");
        }
        space();
        if (at >= text.length()) {
            throw bad("the document ends early");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return word("true", Boolean.TRUE);
            case 'f':
                return word("false", Boolean.FALSE);
            case 'n':
                return word("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        space();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw bad("a name expected");
            }
            String name = string();
            space();
            expect(':');
            map.put(name, value(depth + 1));
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        at++;
        space();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        at++;
        int plain = at; // most strings have no escape: one substring, no builder
        while (plain < text.length() && text.charAt(plain) != '"' && text.charAt(plain) != '\\') {
            plain++;
        }
        if (plain < text.length() && text.charAt(plain) == '"') {
            String s = text.substring(at, plain);
            at = plain + 1;
            return s;
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw bad("a string does not end");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            } else if (c == '\\') {
                if (at >= text.length()) {
                    throw bad("a string does not end");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw bad("a short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw bad("a bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw bad("a bad escape");
                }
            } else {
                out.append(c);
            }
        }
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw bad("an unknown word");
        }
        at += word.length();
        return value;
    }

    private Double number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw bad("a value expected");
        }
        try {
            return Double.valueOf(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw bad("a bad number");
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw bad("the document ends early");
        }
        return text.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw bad("'" + c + "' expected");
        }
        at++;
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("not JSON at offset " + at + ": " + what);
    }
}

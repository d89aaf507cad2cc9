package dev.portguard.core.internal.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads back what {@link Json} writes, and refuses what is not JSON. */
class JsonReaderTest {
    @Test
    void what_the_writer_writes_reads_back() {
        String text = new Json().beginObject().field("s", "a\"b\\c\n\t\u0001é").field("n", 42).field("d", 0.25)
                .field("t", true).field("none", null).name("list").beginArray().value(1).value("x").endArray()
                .field("map", Map.of("k", -3)).endObject().toString();
        Object read = JsonReader.parse(text);
        assertThat(read).isEqualTo(Map.of("s", "a\"b\\c\n\t\u0001é", "n", 42.0, "d", 0.25, "t", true,
                "list", List.of(1.0, "x"), "map", Map.of("k", -3.0), "none", nullValue()).entrySet().stream()
                .collect(java.util.LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue() == NULL ? null
                        : e.getValue()), Map::putAll));
        assertThat(JsonReader.parse(" [ 1e3 , \"\\u0041\\/\" , {} , [] ] ")).isEqualTo(List.of(1000.0, "A/", Map.of(),
                List.of()));
    }

    private static final Object NULL = new Object();

    private static Object nullValue() {
        return NULL;
    }

    @Test
    void broken_text_is_refused_with_its_offset() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{} x", "\"\\q\"", "[1 2]", "-")) {
            assertThatThrownBy(() -> JsonReader.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not JSON at offset");
        }
    }
}

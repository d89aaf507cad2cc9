package dev.portguard.core.internal.config;

import dev.portguard.core.GuardConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of settings is the one place defaults live; README's configuration table must say the same. */
class SettingsTest {
    @Test
    void readme_lists_every_setting_with_the_tables_default_range_and_meaning_in_table_order() throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            }
            for (Setting<?> s : Settings.ALL) {
                if (!inSection) {
                    break;
                }
                if (line.startsWith("| `" + s.key() + "` |")) {
                    rows.add(line);
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            expected.add("| `" + s.key() + "` | " + s.documentedDefault() + " | " + s.accepted() + " | " + s.meaning()
                    + " |");
        }
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void each_documented_default_reads_back_as_the_default() {
        for (Setting<?> s : Settings.ALL) {
            String text = s.documentedDefault().replace("`", "");
            Object parsed = text.equals("none") ? null : s.parse(text);
            assertThat(parsed).as(s.key()).isEqualTo(s.defaultValue());
        }
    }

    @Test
    void each_default_prints_as_text_that_reads_back_as_itself() {
        GuardConfig defaults = GuardConfig.defaults();
        assertThat(GuardConfig.builder().from(defaults.asMap()).build().asMap()).isEqualTo(defaults.asMap());
    }
}

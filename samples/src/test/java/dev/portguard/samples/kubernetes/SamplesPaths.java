package dev.portguard.samples.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are when the samples module's tests run (from samples/, as Maven runs them). */
final class SamplesPaths {
    private SamplesPaths() {
    }

    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/metrics.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/metrics.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path kubernetes() {
        return repository().resolve("samples/kubernetes");
    }
}

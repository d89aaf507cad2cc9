package dev.portguard.core.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a report file whole: readers (a sidecar, a CI step) never see half a report. The temporary file it writes
 * first is removed whatever happens in the process; one left by a process that was killed mid-write is removed
 * by the next writer in that directory, once it is old enough that no live writer can still own it.
 */
public final class ReportFile {
    /** A temporary report is {@code .portguard-report<random>.tmp}; nothing else is ever removed. */
    static final String TEMP_PREFIX = ".portguard-report";
    static final String TEMP_SUFFIX = ".tmp";

    /** Far longer than any write takes, so a temporary file this old belongs to no live writer. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private ReportFile() {
    }

    /** Writes {@code text} to a temporary file beside {@code path}, then moves it over {@code path} atomically. */
    public static void write(Path path, String text) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
            if (SWEPT.size() < 64 && SWEPT.add(dir)) {
                removeStale(path); // once per directory and process: the first write after a start
            }
        }
        Path tmp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes the temporary reports a killed writer left beside {@code report}: only files named as this class
     * names them, only in the report's own directory, only older than {@link #STALE_AFTER}. Never throws.
     *
     * @return how many were removed
     */
    public static int removeStale(Path report) {
        Path dir = report.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        FileTime cutoff = FileTime.fromMillis(System.currentTimeMillis() - STALE_AFTER.toMillis());
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path tmp : temps) {
                try {
                    if (Files.isRegularFile(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(tmp).compareTo(cutoff) < 0 && Files.deleteIfExists(tmp)) {
                        removed++;
                    }
                } catch (IOException | RuntimeException e) {
                    // another writer removed it first, or it is not ours to remove: leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable directory: the write itself will say what is wrong
        }
        return removed;
    }
}

package dev.surel.log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code [log]} section.
 *
 * @param level        error, warn, info, debug or trace (SUREL_LOG_LEVEL overrides it)
 * @param file         the log file, or null for standard error
 * @param format       text lines or JSON lines
 * @param maxSize      a file this large is rolled over (bytes, at least 1 KiB)
 * @param maxHistory   days of rolled-over files kept; 0 keeps all (and then maxTotalSize must be 0)
 * @param maxTotalSize all rolled-over files together at most this large (bytes); 0 = no bound
 */
public record LogSettings(String level, Path file, Format format, long maxSize, int maxHistory, long maxTotalSize) {

    public static final long MIN_SIZE = 1024;

    public LogSettings {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
        if (maxSize < MIN_SIZE) throw new IllegalArgumentException("max_size must be at least 1K");
        if (maxHistory < 0 || maxTotalSize < 0) throw new IllegalArgumentException("max_history and max_total_size must be >= 0");
        if (maxTotalSize != 0 && maxTotalSize < maxSize) throw new IllegalArgumentException("max_total_size must be at least max_size (or 0)");
        if (maxHistory == 0 && maxTotalSize != 0) { // Logback applies the total only within max_history's days
            throw new IllegalArgumentException("max_history = 0 keeps every rolled file, so max_total_size cannot apply: "
                    + "set max_total_size = 0 as well, or a max_history");
        }
    }

    /** The defaults: INFO on standard error, text. */
    public static LogSettings defaults() {
        return new LogSettings("info", null, Format.TEXT, 100L << 20, 30, 2L << 30);
    }

    /** How each event is written. */
    public enum Format {
        TEXT, JSON;

        public static Format parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}

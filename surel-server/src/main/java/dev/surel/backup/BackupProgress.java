package dev.surel.backup;

/**
 * Told how a backup or restore goes, after each file (from several copying threads: an
 * implementation synchronises and throttles its output itself). Throwing stops the work.
 */
@FunctionalInterface
public interface BackupProgress {

    /** Nothing to tell anyone. */
    BackupProgress NONE = (phase, files, totalFiles, bytes, totalBytes) -> { };

    /** {@code files} of {@code totalFiles} done in {@code phase}, {@code bytes} of {@code totalBytes}. */
    void update(Phase phase, long files, long totalFiles, long bytes, long totalBytes);

    /** What is being copied. */
    enum Phase {
        /** The metadata database (one file; the totals are 1 and its size when known, else 0). */
        DATABASE,
        /** The message files. */
        MESSAGE_FILES,
        /** The restored store's check (every message file read again). */
        CHECK
    }
}

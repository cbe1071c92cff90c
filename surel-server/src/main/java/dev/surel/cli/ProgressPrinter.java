package dev.surel.cli;

import dev.surel.backup.BackupProgress;
import dev.surel.text.Sizes;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a backup's or restore's progress on one line of standard error, rewritten in place
 * (carriage return) at most a few times a second. Writing to a client that went away (an
 * admin-channel client stopped with Ctrl-C) stops the work: the stream reports the error.
 */
final class ProgressPrinter implements BackupProgress {

    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream err;
    private final String what;
    private long last = System.nanoTime() - EVERY_NANOS;
    private Phase lastPhase;
    private boolean printed;

    ProgressPrinter(PrintStream err, String what) {
        this.err = err;
        this.what = what;
    }

    /** Progress on a terminal (or when asked for with {@code --progress}); none otherwise. */
    static BackupProgress forCommand(boolean asked, java.io.Console console, PrintStream err, String what) {
        return asked || console != null && console.isTerminal() ? new ProgressPrinter(err, what) : BackupProgress.NONE;
    }

    @Override
    public synchronized void update(Phase phase, long files, long totalFiles, long bytes, long totalBytes) {
        long now = System.nanoTime();
        boolean shown = phase != lastPhase || files == totalFiles; // a new phase and the end of one are always shown
        if (!shown && now - this.last < EVERY_NANOS) return;
        this.last = now;
        this.lastPhase = phase;
        String line = switch (phase) {
            case DATABASE -> String.format(Locale.ROOT, "%s: database%s", what, files == totalFiles ? " copied" : "...");
            case MESSAGE_FILES -> String.format(Locale.ROOT, "%s: message files %d/%d, %s/%s", what, files, totalFiles,
                    Sizes.human(bytes), Sizes.human(totalBytes));
            case CHECK -> String.format(Locale.ROOT, "%s: checking the restored store...", what);
        };
        err.print("\r" + line + "\u001b[K");
        err.flush();
        printed = true;
        if (err.checkError()) throw new IllegalStateException("standard error is gone: stopped");
    }

    /** Ends the progress line. */
    synchronized void done() {
        if (printed) {
            err.println();
            printed = false;
        }
    }

    static void done(BackupProgress p) {
        if (p instanceof ProgressPrinter pp) pp.done();
    }
}

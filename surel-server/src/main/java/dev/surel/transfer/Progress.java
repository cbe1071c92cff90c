package dev.surel.transfer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar of an import or export on a terminal (standard error), redrawn in place at
 * most ten times a second; off a terminal it prints nothing (the summary line says what was done).
 */
public final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final String verb;
    private long total;
    private long done;
    private String folder = "";
    private long lastDraw;
    private boolean drawn;

    public Progress(PrintStream err, boolean terminal, String verb) {
        this.err = err;
        this.terminal = terminal;
        this.verb = verb;
    }

    /** How many messages there are in all (0: not known). */
    public void total(long total) {
        this.total = total;
    }

    public void folder(String name) {
        this.folder = name;
        draw(true);
    }

    /** {@code n} more messages handled (stored, skipped or refused). */
    public void advance(long n) {
        done += n;
        draw(false);
    }

    private void draw(boolean force) {
        if (!terminal) return;
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        long shown = total > 0 ? Math.min(done, total) : done;
        int filled = total > 0 ? (int) (WIDTH * shown / total) : 0;
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String pct = total > 0 ? String.format(Locale.ROOT, "%3d%%", 100 * shown / total) : "";
        String f = folder.length() > 30 ? "..." + folder.substring(folder.length() - 27) : folder;
        err.print(String.format(Locale.ROOT, "\r%s [%s] %s %,d/%,d  %s\033[K", verb, bar, pct, shown, total, f));
        err.flush();
        drawn = true;
    }

    /** Takes the bar off the screen (before the summary line). */
    public void finish() {
        if (terminal && drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}

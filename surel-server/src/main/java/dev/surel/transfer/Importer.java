package dev.surel.transfer;

import dev.surel.store.SpecialUse;
import dev.surel.text.Sizes;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Moves the mail of a {@link Source} into one account through a {@link MailAccess}: folder by
 * folder, creating what is missing, skipping what is already there ({@link Dedup}), appending
 * the rest in batches of at most {@code batchMessages} messages and {@code batchBytes} octets
 * (one transaction each). Over quota (or a full disk) it stops after the last message that fit:
 * running the same import again later carries on from there.
 *
 * <p>A source folder with a special use (RFC 6154) goes into the account's folder with that use
 * when there is one (a Dovecot "Sent Messages" with {@code \Sent} into Surel's "Sent"); every
 * other folder keeps its name, with characters Surel does not allow in names ({@code *}, {@code %},
 * control characters, "." or ".." as a level) replaced by "_".
 */
public final class Importer {

    /** What an import did. */
    public record Summary(long imported, long present, long refused, long bytes, int folders, Duration took, String stopped) {
        public String line(String address) {
            return String.format(Locale.ROOT, "imported %,d message(s) (%s) into %s: %d folder(s), %,d already there, %,d refused, %.1f s",
                    imported, Sizes.human(bytes), address, folders, present, refused, took.toMillis() / 1000.0);
        }
    }

    private final MailAccess target;
    private final Source source;
    private final Progress progress;
    private final PrintStream err;
    private final int batchMessages;
    private final long batchBytes;
    /** Appends one batch while the next is read from the source. */
    private final java.util.concurrent.ExecutorService appender =
            java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().name("import-append").factory());

    private long imported;
    private long present;
    private long refused;
    private long bytes;
    private String stopped;
    private int foldersDone;
    private long start = System.nanoTime();

    public Importer(MailAccess target, Source source, Progress progress, PrintStream err, int batchMessages, long batchBytes) {
        this.target = target;
        this.source = source;
        this.progress = progress;
        this.err = err;
        this.batchMessages = batchMessages;
        this.batchBytes = batchBytes;
    }

    /** Thrown out of a scan once the target refuses more (quota, disk). */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    public Summary run() throws IOException {
        start = System.nanoTime();
        List<Source.Folder> folders = source.folders();
        progress.total(folders.stream().mapToLong(Source.Folder::messages).sum());
        List<FolderInfo> existing = new ArrayList<>(target.folders());
        try {
            importFolders(folders, existing);
        } finally {
            appender.shutdown();
        }
        progress.finish();
        return summary();
    }

    private void importFolders(List<Source.Folder> folders, List<FolderInfo> existing) throws IOException {
        for (Source.Folder f : folders) {
            String name = targetName(f, existing);
            progress.folder(name);
            if (existing.stream().noneMatch(e -> e.name().equalsIgnoreCase(name))) {
                SpecialUse use = f.specialUse() != null && existing.stream().noneMatch(e -> e.specialUse() == f.specialUse())
                        ? f.specialUse() : null;
                target.ensureFolder(name, use);
                existing.add(new FolderInfo(name, use, 0));
            }
            foldersDone++;
            Batch batch = new Batch(name);
            try {
                source.scan(f, new Dedup(target.keys(name)), batch);
                batch.flush();
                batch.settle();
            } catch (Stop s) {
                break;
            } finally {
                batch.abandon();
            }
        }
    }

    /** What was done so far (after a failure: what is in). */
    public Summary summary() {
        return new Summary(imported, present, refused, bytes, foldersDone, Duration.ofNanos(System.nanoTime() - start), stopped);
    }

    /** Messages of one folder waiting to be appended. */
    private final class Batch implements Source.Listener {
        private final String folder;
        private final List<Staged> messages = new ArrayList<>();
        private long size;

        Batch(String folder) {
            this.folder = folder;
        }

        @Override
        public void staged(Staged m) throws IOException {
            messages.add(m);
            size += m.size();
            if (messages.size() >= batchMessages || size >= batchBytes) flush();
        }

        @Override
        public void present() {
            present++;
            progress.advance(1);
        }

        @Override
        public void refused(String what, String why) {
            refused++;
            progress.advance(1);
            err.println("surel: skipped " + what + ": " + why);
        }

        /**
         * Hands the waiting messages to the appender thread, once the batch before them is in: so
         * the source is read while the previous batch is stored.
         */
        void flush() {
            settle();
            if (messages.isEmpty()) return;
            List<Staged> batch = List.copyOf(messages);
            messages.clear();
            size = 0;
            inFlightBatch = batch;
            inFlight = appender.submit(() -> {
                try {
                    return target.append(folder, source.exact(), batch);
                } finally {
                    for (Staged m : batch) m.delete();
                }
            });
        }

        /** Waits for the batch being appended and counts it; throws {@link Stop} when it stopped. */
        void settle() {
            if (inFlight == null) return;
            MailAccess.AppendResult r;
            try {
                r = inFlight.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException x) throw x;
                if (e.getCause() instanceof Error x) throw x;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                inFlight = null;
            }
            List<Staged> batch = inFlightBatch;
            java.util.Set<Integer> skipped = new java.util.HashSet<>();
            for (String line : r.refused()) {
                int index = Integer.parseInt(line.substring(0, line.indexOf(' ')));
                skipped.add(index);
                refused++;
                Staged m = batch.get(index);
                err.println("surel: skipped a message of " + folder + " (" + m.internalDate() + ", " + m.size() + " octets): "
                        + line.substring(line.indexOf(' ') + 1));
            }
            int n = 0;
            for (int i = 0; i < batch.size() && n < r.appended(); i++) { // the first ones not refused went in
                if (skipped.contains(i)) continue;
                bytes += batch.get(i).size();
                n++;
            }
            imported += r.appended();
            progress.advance(r.appended() + r.refused().size());
            if (r.stopped() != null) {
                stopped = r.stopped();
                throw new Stop();
            }
        }

        /** After a failure: waits for the batch in flight (counting it) and drops the messages not yet sent. */
        void abandon() {
            try {
                settle();
            } catch (RuntimeException e) {
                // the failure being reported is the first one
            }
            for (Staged m : messages) m.delete();
            messages.clear();
            size = 0;
        }

        private java.util.concurrent.Future<MailAccess.AppendResult> inFlight;
        private List<Staged> inFlightBatch;
    }

    /** The account's folder for a source folder (see the class comment). */
    static String targetName(Source.Folder f, List<FolderInfo> existing) {
        if (f.specialUse() != null) {
            for (FolderInfo e : existing) if (e.specialUse() == f.specialUse()) return e.name();
        }
        return safeName(f.name());
    }

    /** A name Surel accepts for a new mailbox: bad characters and "."/".." levels become "_". */
    static String safeName(String name) {
        List<String> levels = new ArrayList<>();
        for (String level : name.split("/")) {
            if (level.isEmpty()) continue;
            StringBuilder b = new StringBuilder(level.length());
            for (int i = 0; i < level.length(); i++) {
                char c = level.charAt(i);
                b.append(c < 0x20 || c == 0x7f || c == '*' || c == '%' ? '_' : c);
            }
            String l = b.toString();
            levels.add(l.equals(".") || l.equals("..") ? "_" : l);
        }
        if (levels.isEmpty()) return "INBOX";
        if (levels.getFirst().equalsIgnoreCase("INBOX")) levels.set(0, "INBOX");
        return String.join("/", levels);
    }
}

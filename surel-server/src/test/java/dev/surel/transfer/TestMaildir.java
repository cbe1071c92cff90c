package dev.surel.transfer;

import dev.surel.protocol.imap.names.ModifiedUtf7;
import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a Maildir as Dovecot keeps one (written independently of Surel's own writer): INBOX at
 * the top, Maildir++ folders as ".A.B" directories with modified UTF-7 names, flags in the file
 * names, keywords as letters of each folder's dovecot-keywords, the internal date as the file time.
 */
final class TestMaildir {

    /** A folder to fill: its Dovecot name ("." separated, UTF-8), and the Surel name it must arrive as. */
    record Spec(String dovecotName, String surelName, int messages) {
    }

    private TestMaildir() {
    }

    /**
     * Fills {@code root} and returns what each message must be in Surel. {@code useP}: some
     * messages carry the Maildir "P" (passed) flag, which Surel reads as $Forwarded.
     */
    static List<Expected> write(Path root, List<Spec> specs, long seed, boolean useP) throws IOException {
        try (Writes writes = new Writes()) {
            return write(root, specs, seed, useP, writes);
        }
    }

    /** Writes files on virtual threads: file creation is slow on this kind of machine, and overlaps well. */
    private static final class Writes implements AutoCloseable {
        private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(16);
        private final List<java.util.concurrent.Future<?>> done = new ArrayList<>();

        void write(Path file, byte[] bytes, long epoch) {
            slots.acquireUninterruptibly();
            done.add(threads.submit(() -> {
                try {
                    Files.write(file, bytes);
                    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epoch)));
                    return null;
                } finally {
                    slots.release();
                }
            }));
        }

        @Override
        public void close() throws IOException {
            threads.close();
            for (var f : done) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }

    private static List<Expected> write(Path root, List<Spec> specs, long seed, boolean useP, Writes writes) throws IOException {
        Random r = new Random(seed);
        List<Expected> out = new ArrayList<>();
        int n = 0;
        for (Spec s : specs) {
            Path dir = s.dovecotName().equals("INBOX") ? root : root.resolve("." + encode(s.dovecotName()));
            for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(dir.resolve(sub));
            StringBuilder kw = new StringBuilder();
            for (int k = 0; k < MailGen.KEYWORDS.size(); k++) kw.append(k).append(' ').append(MailGen.KEYWORDS.get(k)).append('\n');
            Files.writeString(dir.resolve("dovecot-keywords"), kw, StandardCharsets.UTF_8);
            byte[] previous = null;
            for (int i = 0; i < s.messages(); i++, n++) {
                byte[] lf = (i % 97 == 50 && previous != null) ? previous : MailGen.message(r, n); // an exact duplicate now and then
                previous = lf;
                long epoch = 1_100_000_000L + r.nextInt(650_000_000);
                boolean isNew = r.nextInt(10) == 0;
                EnumSet<Flag> system = EnumSet.noneOf(Flag.class);
                Set<String> keywords = new LinkedHashSet<>();
                StringBuilder letters = new StringBuilder();
                if (!isNew) {
                    if (r.nextInt(8) == 0) { system.add(Flag.DRAFT); letters.append('D'); }
                    if (r.nextInt(5) == 0) { system.add(Flag.FLAGGED); letters.append('F'); }
                    if (useP && r.nextInt(9) == 0) { keywords.add("$Forwarded"); letters.append('P'); }
                    if (r.nextInt(4) == 0) { system.add(Flag.ANSWERED); letters.append('R'); }
                    if (r.nextInt(3) != 0) { system.add(Flag.SEEN); letters.append('S'); }
                    if (r.nextInt(15) == 0) { system.add(Flag.DELETED); letters.append('T'); }
                    for (int k = 0; k < MailGen.KEYWORDS.size(); k++) {
                        if (r.nextInt(6) == 0) { keywords.add(MailGen.KEYWORDS.get(k)); letters.append((char) ('a' + k)); }
                    }
                }
                String base = epoch + ".M" + n + "P42Q" + i + ".testhost,S=" + lf.length;
                Path file = isNew ? dir.resolve("new").resolve(base) : dir.resolve("cur").resolve(base + ":2," + letters);
                writes.write(file, lf, epoch);
                out.add(Expected.of(s.surelName(), MailGen.crlf(lf), new Flags(system, keywords), epoch));
            }
        }
        return out;
    }

    static String encode(String dovecotName) {
        List<String> levels = new ArrayList<>();
        for (String l : dovecotName.split("\\.")) levels.add(ModifiedUtf7.encode(l));
        return String.join(".", levels);
    }
}

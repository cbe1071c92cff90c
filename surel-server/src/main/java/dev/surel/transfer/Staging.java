package dev.surel.transfer;

import dev.surel.protocol.mime.Envelope;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.Flags;
import dev.surel.store.blob.CrlfOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temp directory where messages wait between their source and their target, one file
 * each. Nothing of a message is kept in memory but its header while its Message-ID is read.
 */
public final class Staging implements AutoCloseable {

    private final Path dir;
    private final long maxSize;
    private final MimeSettings mime;
    private long seq;

    private Staging(Path dir, long maxSize, MimeSettings mime) {
        this.dir = dir;
        this.maxSize = maxSize;
        this.mime = mime;
    }

    /** A new temp directory (mode 0700 by {@link Files#createTempDirectory}); {@code maxSize} 0 = no limit. */
    public static Staging create(long maxSize) {
        try {
            return new Staging(Files.createTempDirectory("surel-transfer-"), maxSize, MimeSettings.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh file name in the directory (not created). */
    public synchronized Path newFile() {
        return dir.resolve("m" + (++seq));
    }

    /** A message larger than the store takes: refused before it is stored. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("larger than the store's max_message_size (" + limit + " octets)");
        }
    }

    /**
     * Copies {@code in} to its end into a new temp file, with line endings made CRLF
     * ({@code canonical}, as the store keeps files) or byte for byte (IMAP, whose octets are
     * already what a server sends).
     */
    public Staged stage(InputStream in, boolean canonical, Flags flags, OffsetDateTime internalDate) throws IOException {
        Path f = newFile();
        long size;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(f), 64 * 1024);
             CrlfOutputStream out = canonical ? new CrlfOutputStream(file) : CrlfOutputStream.exact(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (maxSize > 0 && out.count() > maxSize) throw new TooLarge(maxSize);
            }
            out.finish();
            size = out.count();
            if (maxSize > 0 && size > maxSize) throw new TooLarge(maxSize);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(f);
            throw e;
        }
        return adopt(f, size, flags, internalDate);
    }

    /**
     * A message being written piece by piece (an mbox reader finds its flags only in its header):
     * {@link Pending#finish} makes it a staged message, {@link Pending#close} without it drops it.
     */
    public Pending open(boolean canonical) throws IOException {
        return new Pending(newFile(), canonical);
    }

    /** See {@link #open}. Writes past the size limit are dropped and {@link #tooLarge()} says so. */
    public final class Pending implements AutoCloseable {
        private final Path file;
        private final CrlfOutputStream out;
        private boolean tooLarge;
        private boolean finished;

        private Pending(Path file, boolean canonical) throws IOException {
            this.file = file;
            OutputStream f = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            this.out = canonical ? new CrlfOutputStream(f) : CrlfOutputStream.exact(f);
        }

        public void write(byte[] b, int off, int len) throws IOException {
            if (tooLarge) return;
            out.write(b, off, len);
            if (maxSize > 0 && out.count() > maxSize) tooLarge = true;
        }

        /** True once the message grew past the store's limit. */
        public boolean tooLarge() {
            return tooLarge;
        }

        /** The limit {@link #tooLarge()} refers to. */
        public long limit() {
            return maxSize;
        }

        public Staged finish(Flags flags, OffsetDateTime internalDate) throws IOException {
            out.close();
            long size = out.count();
            if (maxSize > 0 && size > maxSize) tooLarge = true;
            if (tooLarge) throw new TooLarge(maxSize);
            finished = true;
            return adopt(file, size, flags, internalDate);
        }

        @Override
        public void close() throws IOException {
            if (finished) return;
            try {
                out.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A file already written into this directory (see {@link #newFile}) becomes a staged message. */
    public Staged adopt(Path file, long size, Flags flags, OffsetDateTime internalDate) throws IOException {
        OffsetDateTime date = internalDate.truncatedTo(ChronoUnit.SECONDS);
        String messageId;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16 * 1024)) {
            messageId = messageId(in, mime);
        }
        return new Staged(file, size, flags, date, MessageKey.of(date, size, messageId));
    }

    /** The Message-ID of the header at the start of {@code in}, as the store's envelope has it (null if none). */
    public static String messageId(InputStream in, MimeSettings mime) throws IOException {
        return Envelope.of(HeaderFields.read(in, mime)).messageId();
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a temp directory left behind is not worth failing the import for
        }
    }
}

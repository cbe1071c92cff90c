package dev.surel.transfer;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * How messages travel over the admin channel (the standard input of {@code transfer append},
 * the output of {@code transfer read}): per message one header line, the octets, one LF.
 *
 * <pre>
 * M size epoch-millis offset-seconds flag-bits uid [keyword ...] LF
 * size octets
 * LF
 * </pre>
 * The header line is US-ASCII and at most 64 KiB; {@code size} is checked against the limit
 * before anything is read; keywords are IMAP atoms (no spaces).
 */
public final class BatchFormat {

    private static final int MAX_LINE = 64 * 1024;

    private BatchFormat() {
    }

    /** The header line of one message. */
    static byte[] header(long uid, long size, Flags flags, OffsetDateTime date) {
        StringBuilder b = new StringBuilder("M ").append(size).append(' ').append(date.toInstant().toEpochMilli())
                .append(' ').append(date.getOffset().getTotalSeconds()).append(' ').append(Flag.toBits(flags.system()))
                .append(' ').append(uid);
        for (String k : flags.keywords()) b.append(' ').append(k);
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A batch of staged messages as one stream, each file opened only when reached. */
    public static InputStream of(List<Staged> batch) {
        Iterator<Staged> it = batch.iterator();
        List<InputStream> pending = new ArrayList<>(3);
        Enumeration<InputStream> parts = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return !pending.isEmpty() || it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (pending.isEmpty()) {
                    Staged m = it.next();
                    pending.add(new ByteArrayInputStream(header(0, m.size(), m.flags(), m.internalDate())));
                    try {
                        pending.add(Files.newInputStream(m.file()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    pending.add(new ByteArrayInputStream(new byte[] {'\n'}));
                }
                return pending.removeFirst();
            }
        };
        return new SequenceInputStream(parts);
    }

    /** Writes one message (its {@code size} octets read from {@code bytes}). */
    public static void write(OutputStream out, long uid, Flags flags, OffsetDateTime date, long size, InputStream bytes)
            throws IOException {
        out.write(header(uid, size, flags, date));
        long copied = bytes.transferTo(out);
        if (copied != size) throw new IOException("message of " + size + " octets gave " + copied);
        out.write('\n');
    }

    /** One message read from a batch. */
    @FunctionalInterface
    public interface Consumer {
        void accept(long uid, Flags flags, OffsetDateTime date, long size, InputStream bytes) throws IOException;
    }

    /**
     * Reads messages until the end of {@code in}; each is handed to {@code consumer} as a stream
     * of exactly its octets (what the consumer leaves unread is skipped). A message over
     * {@code maxSize} octets (0: no limit) or a malformed frame throws before its octets are read.
     */
    public static int read(InputStream in, long maxSize, Consumer consumer) throws IOException {
        int n = 0;
        while (true) {
            String line = line(in);
            if (line == null) return n;
            String[] f = line.split(" ");
            if (f.length < 6 || !f[0].equals("M")) throw new IOException("bad batch frame: " + abbreviate(line));
            long size;
            Flags flags;
            OffsetDateTime date;
            long uid;
            try {
                size = Long.parseLong(f[1]);
                date = Instant.ofEpochMilli(Long.parseLong(f[2])).atOffset(ZoneOffset.ofTotalSeconds(Integer.parseInt(f[3])));
                flags = new Flags(Flag.fromBits(Integer.parseInt(f[4])), Set.of(java.util.Arrays.copyOfRange(f, 6, f.length)));
                uid = Long.parseLong(f[5]);
            } catch (RuntimeException e) {
                throw new IOException("bad batch frame: " + abbreviate(line));
            }
            if (size < 0 || (maxSize > 0 && size > maxSize)) throw new IOException("message of " + size + " octets in a batch (limit " + maxSize + ")");
            Bounded body = new Bounded(in, size);
            consumer.accept(uid, flags, date, size, body);
            body.skipRest();
            if (in.read() != '\n') throw new IOException("batch frame not ended by LF");
            n++;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** A line up to LF (without it); null at a clean end of input. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.size() >= MAX_LINE) throw new IOException("batch header line over " + MAX_LINE + " octets");
            b.write(c);
        }
        if (c < 0) {
            if (b.size() == 0) return null;
            throw new IOException("batch ends inside a header line");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Exactly {@code size} octets of the underlying stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            int c = in.read();
            if (c < 0) throw new IOException("batch ends inside a message");
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            if (len == 0) return 0;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new IOException("batch ends inside a message");
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the batch stream stays open
        }

        void skipRest() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // skip
            }
        }
    }
}

package dev.surel.imap;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.mime.ByteRange;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimePart;
import dev.surel.protocol.mime.PartText;
import dev.surel.store.MailStore;
import dev.surel.store.SizedStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decoded content of RFC 3516 {@code BINARY[part]}: the part's body with its
 * Content-Transfer-Encoding undone (base64 and quoted-printable by mime4j's decoders; 7bit, 8bit
 * and binary as stored). {@code BINARY[]} is the whole message as stored; a multipart or
 * message/rfc822 part is its body as stored (RFC 2045 §6.4 allows them no other encoding).
 *
 * <p>Invariants: content is streamed, never held whole: a first pass counts the decoded octets
 * and looks for NUL, a second writes them; an encoding outside {@link #KNOWN} is
 * {@link UnknownCte} (RFC 3516 §4.3: NO [UNKNOWN-CTE]) before anything of the message is sent.
 */
final class BinaryContent {
    private BinaryContent() { }

    /** Transfer encodings this server can undo. */
    static final Set<String> KNOWN = Set.of("7bit", "8bit", "binary", "base64", "quoted-printable");

    /** The stored octets a section-binary names and the transfer encoding to undo. */
    record Source(ByteRange range, String encoding) { }

    /** What the decoded content holds between {@code from} and {@code to} of a partial. */
    record Scan(long size, boolean nulInSlice) { }

    /** RFC 3516 §4.3: the part's encoding is unknown; the FETCH is NO [UNKNOWN-CTE]. */
    static final class UnknownCte extends RuntimeException {
        UnknownCte() {
            super(null, null, false, false);
        }
    }

    /** The source of a part path (empty: the whole message), or empty when no such part exists. */
    static Optional<Source> source(MessageStructure st, List<Integer> path) {
        if (path.isEmpty()) return Optional.of(new Source(new ByteRange(0, st.size()), "binary"));
        Optional<MimePart> p = st.part(path.stream().mapToInt(Integer::intValue).toArray());
        if (p.isEmpty()) return Optional.empty();
        MimePart part = p.get();
        String enc = part instanceof MimePart.Single ? part.content().encoding() : "binary";
        if (!KNOWN.contains(enc)) throw new UnknownCte();
        return Optional.of(new Source(part.body(), enc));
    }

    /** The decoded content as a stream; closing it closes the stored message. */
    static InputStream open(MailStore store, long account, long mailbox, long uid, Source src) throws IOException {
        SizedStream stored = store.open(account, mailbox, uid);
        try {
            FetchCmd.skip(stored.in(), src.range().start());
            InputStream decoded = PartText.decodeTransfer(new Bounded(stored.in(), src.range().length()), src.encoding());
            return new FilterInputStream(decoded) {
                @Override
                public void close() throws IOException {
                    try {
                        decoded.close();
                    } finally {
                        stored.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    /** One pass over the decoded content: its size, and whether octets in {@code [from, to)} include NUL. */
    static Scan scan(InputStream decoded, long from, long to) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long pos = 0;
        boolean nul = false;
        int n;
        while ((n = decoded.read(buf)) >= 0) {
            if (!nul) {
                for (int i = 0; i < n; i++) {
                    long at = pos + i;
                    if (buf[i] == 0 && at >= from && at < to) {
                        nul = true;
                        break;
                    }
                }
            }
            pos += n;
        }
        return new Scan(pos, nul);
    }

    /** The {@code [from, to)} of a partial over {@code size} decoded octets (RFC 9051 §6.4.5 clamping). */
    static ByteRange slice(long size, BodySection.Partial partial) {
        ByteRange all = new ByteRange(0, size);
        return partial == null ? all : all.partial(partial.offset(), partial.count());
    }

    /** At most {@code left} octets of a stream (closing it leaves the stream open). */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long n) {
            super(in);
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            if (len == 0) return 0;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in.skip(Math.min(n, left));
            if (k > 0) left -= k;
            return k;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public void close() {
        }
    }
}

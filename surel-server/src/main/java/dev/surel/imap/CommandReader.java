package dev.surel.imap;

import dev.surel.net.Connection;
import dev.surel.net.LineRead;
import dev.surel.protocol.imap.ImapInput;
import dev.surel.protocol.imap.ImapParser;
import dev.surel.store.MailStore;
import dev.surel.store.StoreException;
import dev.surel.store.blob.SpooledBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one complete command from the wire: the first line, and for each literal it announces
 * (RFC 9051 §4.3) the continuation request (synchronizing literals only; RFC 7888 LITERAL+
 * literals are not asked for), the literal and the next line.
 *
 * <p>Invariants: memory is bounded: lines by {@code imap.max_line_length}, other literals by
 * {@code imap.max_literal} in total per command; APPEND message literals (RFC 9051 §6.3.12,
 * RFC 3502) are streamed into {@link MailStore#spool} while being read and never held in
 * memory, up to {@code imap.append_limit} (RFC 7889): an ordinary literal in canonical CRLF
 * form, a literal8 ({@code ~{n}}, RFC 3516 §4.4) exactly as sent. A literal over its limit is refused
 * before it is read; a non-synchronizing one ends the connection (the client sends it anyway).
 */
final class CommandReader {

    /** What reading found. */
    sealed interface Read {
        /**
         * A command; the spooled message literals by literal index (the caller closes them), the
         * indexes of those that held a NUL octet (allowed only in an RFC 3516 literal8), and why the
         * store refused the others (too large, or a header over its limits).
         */
        record Command(ImapInput input, Map<Integer, SpooledBlob> spooled, Set<Integer> withNul,
                       Map<Integer, StoreException.BadMessage> refused) implements Read {
            public Command(ImapInput input, Map<Integer, SpooledBlob> spooled) {
                this(input, spooled, Set.of(), Map.of());
            }
        }

        /** Refuse the command without reading further ({@code tag status [code] text}); the connection stays. */
        record Refused(String tag, String status, String code, String text) implements Read { }

        /** A limit broken in a way that leaves the stream unusable: say BYE and close. */
        record Fatal(String tag, String text) implements Read { }

        record End() implements Read { }
    }

    private final Connection conn;
    private final Responder out;
    private final MailStore store;
    private final ImapSettings settings;
    private final long appendLimit;

    CommandReader(Connection conn, Responder out, MailStore store, ImapSettings settings, long appendLimit) {
        this.conn = conn;
        this.out = out;
        this.store = store;
        this.settings = settings;
        this.appendLimit = appendLimit;
    }

    Read read() throws IOException {
        LineRead first = conn.readLine(settings.maxLineLength());
        List<byte[]> lines = new ArrayList<>();
        List<ImapInput.Literal> literals = new ArrayList<>();
        Map<Integer, SpooledBlob> spooled = new HashMap<>();
        Set<Integer> withNul = new HashSet<>();
        Map<Integer, StoreException.BadMessage> refused = new HashMap<>();
        switch (first) {
            case LineRead.End e -> {
                return new Read.End();
            }
            case LineRead.TooLong t -> {
                return new Read.Fatal(null, "Command line too long");
            }
            case LineRead.Line l -> lines.add(l.bytes());
        }
        byte[] head = lines.getFirst();
        String tag = tagOf(head);
        boolean append = "APPEND".equals(ImapParser.peekCommandName(head));
        boolean mailboxIsLiteral = append && mailboxLiteralFirst(head);
        long otherLiterals = 0;
        boolean ok = false;
        try {
            ImapInput.Announcement a;
            while ((a = ImapInput.Announcement.at(lines.getLast())) != null) {
                boolean message = append && !(mailboxIsLiteral && literals.isEmpty());
                long limit = message ? appendLimit : settings.maxLiteral() - otherLiterals;
                if (a.size() > limit || literals.size() >= 1000) {
                    if (a.nonSynchronizing()) return new Read.Fatal(tag, "Literal too large");
                    return message
                            ? new Read.Refused(tag, "NO", "TOOBIG", "Message larger than APPENDLIMIT " + appendLimit)
                            : new Read.Refused(tag, "BAD", null, "Literal too large");
                }
                if (!a.nonSynchronizing()) {
                    out.line("+ Ready for literal data");
                    out.flush();
                }
                if (message) {
                    LiteralStream in = new LiteralStream(conn, a.size());
                    try {
                        // RFC 3516 §4.4: a literal8 is stored byte for byte (binary parts keep bare CR/LF)
                        spooled.put(literals.size(), a.literal8() ? store.spoolExact(in) : store.spool(in));
                        if (in.sawNul) withNul.add(literals.size());
                    } catch (StoreException.BadMessage e) {
                        in.drain();
                        refused.put(literals.size(), e); // the message is refused when the command runs
                    }
                    literals.add(new ImapInput.Literal.Spooled(a.size()));
                } else {
                    otherLiterals += a.size();
                    literals.add(new ImapInput.Literal.Bytes(conn.readExact((int) a.size())));
                }
                LineRead next = conn.readLine(settings.maxLineLength());
                switch (next) {
                    case LineRead.End e -> {
                        return new Read.End();
                    }
                    case LineRead.TooLong t -> {
                        return new Read.Fatal(tag, "Command line too long");
                    }
                    case LineRead.Line l -> lines.add(l.bytes());
                }
            }
            ok = true;
            return new Read.Command(new ImapInput(lines, literals), spooled, withNul, refused);
        } finally {
            if (!ok) spooled.values().forEach(SpooledBlob::close);
        }
    }

    /** The tag of a line when it looks like one (atom characters), else null. */
    static String tagOf(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] > ' ' && line[i] < 0x7f && "(){%*\"\\]+".indexOf(line[i]) < 0) i++;
        return i == 0 || i > 64 ? null : new String(line, 0, i, StandardCharsets.US_ASCII);
    }

    /** True when APPEND's mailbox is itself a literal: {@code tag APPEND {n}}. */
    private static boolean mailboxLiteralFirst(byte[] line) {
        String s = new String(line, StandardCharsets.US_ASCII);
        String[] p = s.split(" ", 3);
        return p.length == 3 && p[2].startsWith("{");
    }

    /** Exactly {@code n} octets of the connection as a stream. */
    static final class LiteralStream extends InputStream {
        private final Connection conn;
        private long left;
        boolean sawNul;

        LiteralStream(Connection conn, long n) {
            this.conn = conn;
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            left--;
            int b = conn.readExact(1)[0] & 0xff;
            if (b == 0) sawNul = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            if (len == 0) return 0;
            int k = (int) Math.min(Math.min(len, left), 64 * 1024);
            byte[] chunk = conn.readExact(k);
            System.arraycopy(chunk, 0, b, off, k);
            if (!sawNul) {
                for (byte x : chunk) {
                    if (x == 0) {
                        sawNul = true;
                        break;
                    }
                }
            }
            left -= k;
            return k;
        }

        void drain() throws IOException {
            if (left > 0) conn.copyExact(left, OutputStream.nullOutputStream());
            left = 0;
        }
    }
}

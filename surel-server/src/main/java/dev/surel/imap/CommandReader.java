package dev.surel.imap;

import dev.surel.net.Connection;
import dev.surel.net.LineRead;
import dev.surel.protocol.imap.ImapInput;
import dev.surel.protocol.imap.ImapParser;
import dev.surel.store.MailStore;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
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
 * A store that cannot take a message (less free space than {@code store.min_free_space}, a full
 * or failing disk) refuses a synchronizing message literal before it is sent; one already on the
 * way is read to its end and dropped, and the command is answered with the refusal
 * ({@link StoreErrors#unavailable}): the connection stays usable.
 *
 * <p>Time is bounded too, however steadily the octets trickle in: each line by
 * {@code limits.command_deadline} from its first octet (the connection's own); each other literal
 * by the same limit and each APPEND message literal by {@code imap.append_deadline}, both counted
 * from the continuation request (for a LITERAL+ literal, from the end of the line announcing it).
 * Past one, the read raises {@link dev.surel.net.DeadlineExceededException} and the session says
 * BYE.
 */
final class CommandReader {

    /** What reading found. */
    sealed interface Read {
        /**
         * A command; the spooled message literals by literal index (the caller closes them), the
         * indexes of those that held a NUL octet (allowed only in an RFC 3516 literal8), why the
         * store refused others (too large, or a header over its limits), and the message literals
         * the store could not take now (read and dropped; the command answers with the store's
         * refusal, the session goes on).
         */
        record Command(ImapInput input, Map<Integer, SpooledMessage> spooled, Set<Integer> withNul,
                       Map<Integer, StoreException.BadMessage> refused,
                       Map<Integer, StoreException.Unavailable> unstored) implements Read {
            public Command(ImapInput input, Map<Integer, SpooledMessage> spooled) {
                this(input, spooled, Set.of(), Map.of(), Map.of());
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
        Map<Integer, SpooledMessage> spooled = new HashMap<>();
        Set<Integer> withNul = new HashSet<>();
        Map<Integer, StoreException.Unavailable> unstored = new HashMap<>();
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
                StoreException.Unavailable noSpace = null;
                if (message) {
                    try {
                        store.requireSpace(a.size());
                    } catch (StoreException.Unavailable e) {
                        if (!a.nonSynchronizing()) return StoreErrors.refusal(tag, e);
                        noSpace = e;
                    }
                }
                if (!a.nonSynchronizing()) {
                    out.line("+ Ready for literal data");
                    out.flush();
                }
                if (message) {
                    conn.startDeadline("APPEND message literal", settings.appendDeadline());
                    LiteralStream in = new LiteralStream(conn, a.size());
                    try {
                        if (noSpace == null && unstored.isEmpty()) {
                            try {
                                // RFC 3516 §4.4: a literal8 is stored byte for byte (binary parts keep bare CR/LF)
                                spooled.put(literals.size(), a.literal8() ? store.spoolExact(in) : store.spool(in));
                                if (in.sawNul) withNul.add(literals.size());
                            } catch (StoreException.BadMessage e) {
                                refused.put(literals.size(), e); // the message is refused when the command runs
                            } catch (StoreException.Unavailable e) {
                                noSpace = e; // the disk, not the client: read the rest, answer NO, go on
                            } catch (RuntimeException e) {
                                // the store wraps what reading the literal threw: the session answers that
                                // (a deadline, idle timeout or stop is a BYE, not a server fault)
                                if (in.failure != null) throw in.failure;
                                throw e;
                            }
                        } else if (noSpace == null) {
                            noSpace = unstored.values().iterator().next(); // MULTIAPPEND fails as a whole: keep no more
                        }
                        in.drain();
                    } finally {
                        conn.deadline(null);
                    }
                    if (noSpace != null) unstored.put(literals.size(), noSpace);
                    literals.add(new ImapInput.Literal.Spooled(a.size()));
                } else {
                    otherLiterals += a.size();
                    conn.startDeadline("literal", conn.commandDeadline());
                    try {
                        literals.add(new ImapInput.Literal.Bytes(conn.readExact((int) a.size())));
                    } finally {
                        conn.deadline(null);
                    }
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
            return new Read.Command(new ImapInput(lines, literals), spooled, withNul, refused, unstored);
        } finally {
            if (!ok) spooled.values().forEach(SpooledMessage::close);
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

    /** Exactly {@code n} octets of the connection as a stream; remembers what a read threw. */
    static final class LiteralStream extends InputStream {
        private final Connection conn;
        private long left;
        boolean sawNul;
        /** What reading the connection threw (the store may wrap it), null while all is well. */
        IOException failure;

        LiteralStream(Connection conn, long n) {
            this.conn = conn;
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            left--;
            int b = readExact(1)[0] & 0xff;
            if (b == 0) sawNul = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            if (len == 0) return 0;
            int k = (int) Math.min(Math.min(len, left), 64 * 1024);
            byte[] chunk = readExact(k);
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

        private byte[] readExact(int k) throws IOException {
            try {
                return conn.readExact(k);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        void drain() throws IOException {
            if (left > 0) conn.copyExact(left, OutputStream.nullOutputStream());
            left = 0;
        }
    }
}

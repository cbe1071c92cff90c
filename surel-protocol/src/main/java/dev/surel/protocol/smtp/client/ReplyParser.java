package dev.surel.protocol.smtp.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers reply lines into {@link SmtpReply}s (RFC 5321 §4.2: {@code code-text} continues,
 * {@code code text} or a bare {@code code} ends). Not thread-safe; one per connection.
 */
public final class ReplyParser {

    /** The peer broke the reply syntax; the connection is not usable any more. */
    public static final class MalformedReplyException extends Exception {
        public MalformedReplyException(String message) {
            super(message);
        }
    }

    /**
     * Most lines one reply may have. RFC 5321 §4.2 sets no count; EHLO replies have tens. Beyond
     * this the peer is refused, so it cannot make the client keep an endless reply (each line is
     * cut at 512 characters by {@link #printable}).
     */
    public static final int MAX_LINES = 1000;

    private final List<String> lines = new ArrayList<>();
    private int code = -1;

    /**
     * Feeds one line (without CRLF). Returns the reply when this line ends it, else null.
     *
     * @throws MalformedReplyException when the line has no valid code or the code changes mid-reply
     */
    public SmtpReply line(String line) throws MalformedReplyException {
        if (line.length() < 3 || !asciiDigit(line.charAt(0)) || !asciiDigit(line.charAt(1)) || !asciiDigit(line.charAt(2))) {
            throw new MalformedReplyException("not a reply line: " + printable(line));
        }
        int c = Integer.parseInt(line.substring(0, 3));
        if (c < 200 || c > 599) throw new MalformedReplyException("reply code out of range: " + c);
        if (code != -1 && c != code) throw new MalformedReplyException("reply code changed within a reply: " + code + " then " + c);
        boolean more = line.length() > 3 && line.charAt(3) == '-';
        if (line.length() > 3 && line.charAt(3) != '-' && line.charAt(3) != ' ') {
            throw new MalformedReplyException("bad separator after the code: " + printable(line));
        }
        if (lines.size() >= MAX_LINES) {
            lines.clear();
            code = -1;
            throw new MalformedReplyException("reply longer than " + MAX_LINES + " lines");
        }
        code = c;
        lines.add(printable(line.length() > 4 ? line.substring(4) : ""));
        if (more) return null;
        SmtpReply r = new SmtpReply(code, lines);
        lines.clear();
        code = -1;
        return r;
    }

    /** RFC 5321 §4.2 Reply-code digits are ASCII ({@link Character#isDigit} takes any script's digits). */
    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Control characters replaced by '?', so peer text can go into logs and DSNs safely. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 512));
        for (int i = 0; i < s.length() && i < 512; i++) {
            char ch = s.charAt(i);
            b.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return b.toString();
    }
}

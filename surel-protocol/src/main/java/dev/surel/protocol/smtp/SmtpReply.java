package dev.surel.protocol.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply (RFC 5321 §4.2): a three-digit code, an optional enhanced status code
 * (RFC 2034, RFC 3463: {@code class.subject.detail}) and one or more text lines.
 *
 * <p>Invariant: {@link #wireLines()} never contains CR, LF or another control character,
 * whatever the text was built from (a peer's bytes included: they become {@code '?'}), so a
 * reply cannot be split or injected (RFC 5321 §4.2, response injection). Every line of a
 * multi-line reply carries the code and the enhanced code (RFC 5321 §4.2.1, RFC 2034 §4).
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) throw new IllegalArgumentException("reply code " + code);
        if (enhanced != null && !enhanced.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("enhanced status " + enhanced);
        }
        if (enhanced != null && enhanced.charAt(0) != Integer.toString(code).charAt(0)) {
            throw new IllegalArgumentException("enhanced status " + enhanced + " does not match " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("no text");
    }

    /** A one-line reply with an enhanced status code. */
    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, Objects.requireNonNull(enhanced), List.of(text));
    }

    /** A reply without an enhanced code (greeting, EHLO: RFC 2034 §3 has none there). */
    public static SmtpReply plain(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }

    /** 2xx. */
    public boolean positive() {
        return code < 300;
    }

    /** 4xx. */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** 5xx. */
    public boolean permanentFailure() {
        return code >= 500;
    }

    /** The reply as lines to send, each without its CRLF: {@code 250-first}, ..., {@code 250 last}. */
    public List<String> wireLines() {
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            StringBuilder b = new StringBuilder(8 + lines.get(i).length());
            b.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhanced != null) b.append(enhanced).append(' ');
            b.append(safe(lines.get(i)));
            out.add(b.toString());
        }
        return out;
    }

    /** The wire form with CRLFs, for tests and logs. */
    public String wire() {
        StringBuilder b = new StringBuilder();
        for (String l : wireLines()) b.append(l).append("\r\n");
        return b.toString();
    }

    /**
     * {@code text} with every control character (C0, DEL, C1) replaced by {@code '?'}: safe to
     * put on a reply line even when it holds a peer's bytes.
     */
    public static String safe(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                if (b == null) b = new StringBuilder(text.substring(0, i));
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    @Override
    public String toString() {
        return wire().stripTrailing();
    }
}

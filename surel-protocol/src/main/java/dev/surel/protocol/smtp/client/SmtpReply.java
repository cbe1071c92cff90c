package dev.surel.protocol.smtp.client;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One complete (possibly multi-line) SMTP reply, RFC 5321 §4.2.
 *
 * <p>Invariant: {@code code} is in 200..599 and {@code lines} holds the text after the code and
 * separator of each line (never null, at least one element, no CR or LF).
 *
 * @param code     the three-digit reply code
 * @param lines    the text of each line
 */
public record SmtpReply(int code, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(\\s|$)");

    public SmtpReply {
        if (code < 200 || code > 599) throw new IllegalArgumentException("reply code " + code);
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("no lines");
    }

    /** 2xx (or 3xx, the intermediate replies such as 354). */
    public boolean isPositive() {
        return code < 400;
    }

    /** 4xx: RFC 5321 §4.2.1 transient negative completion. */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** 5xx: permanent negative completion. */
    public boolean isPermanent() {
        return code >= 500;
    }

    /**
     * The RFC 3463 enhanced status code: the one the peer wrote at the start of the first line
     * (RFC 2034 §4) when its class matches the reply's, else one derived from the basic code
     * (x.0.0, with a few well-known refinements).
     */
    public String status() {
        var m = ENHANCED.matcher(lines.getFirst());
        if (m.find() && m.group(1).charAt(0) - '0' == code / 100) {
            return m.group(1) + "." + m.group(2) + "." + m.group(3);
        }
        return switch (code) {
            case 421 -> "4.4.2"; // service closing: a connection-level problem
            case 552 -> "5.3.4"; // RFC 5321 §4.5.3.1.10: message too big
            case 452 -> "4.3.1"; // insufficient system storage
            default -> code / 100 + ".0.0";
        };
    }

    /** The reply as one line for logs and DSNs: "550 5.1.1 no such user" (lines joined by a space). */
    public String text() {
        return code + " " + String.join(" ", lines).strip();
    }

    @Override
    public String toString() {
        return text();
    }
}

package dev.surel.net;

/**
 * What a listener says to a connection over the limits ({@link ConnectionLimiter}), in its
 * protocol's words, before it closes the connection:
 *
 * <ul>
 *   <li>SMTP: {@code 421 4.7.0} (RFC 5321 §3.8, RFC 3463)</li>
 *   <li>IMAP: {@code * BYE [UNAVAILABLE]} (RFC 9051 §7.1.5, RFC 5530)</li>
 *   <li>POP3: {@code -ERR [SYS/TEMP]} (RFC 3206)</li>
 *   <li>ManageSieve: {@code BYE (TRYLATER)} (RFC 5804 §1.3)</li>
 * </ul>
 */
public final class BusyLines {

    private BusyLines() {
    }

    public static RefusalHandler busy(Endpoint e, String hostname) {
        String line = switch (e) {
            case SMTP, SUBMISSION, SUBMISSIONS -> "421 4.7.0 " + hostname + " too many connections, try again later";
            case IMAP, IMAPS -> "* BYE [UNAVAILABLE] too many connections, try again later";
            case POP3, POP3S -> "-ERR [SYS/TEMP] too many connections, try again later";
            case MANAGESIEVE -> "BYE (TRYLATER) \"too many connections, try again later\"";
        };
        return (c, reason) -> {
            c.writeLine(line);
            c.flush();
        };
    }
}

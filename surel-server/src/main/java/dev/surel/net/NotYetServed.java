package dev.surel.net;


/**
 * What each listener says until its protocol lands (SMTP, IMAP and POP3 are later issues): the
 * protocol's own "service not available" greeting, then the connection closes. Also the
 * protocol's busy line for connections over the limits.
 *
 * <ul>
 *   <li>SMTP: {@code 421 4.3.2} (RFC 5321 §3.8, RFC 3463 "system not accepting network messages")</li>
 *   <li>IMAP: {@code * BYE [UNAVAILABLE]} (RFC 9051 §7.1.5, RFC 5530)</li>
 *   <li>POP3: {@code -ERR [SYS/PERM]} / {@code [SYS/TEMP]} (RFC 3206)</li>
 * </ul>
 */
public final class NotYetServed {

    private NotYetServed() {
    }

    public static ConnectionHandler greeting(Endpoint e, String hostname) {
        String line = switch (e) {
            case SMTP, SUBMISSION, SUBMISSIONS -> "421 4.3.2 " + hostname + " Surel: SMTP service not available yet";
            case IMAP, IMAPS -> "* BYE [UNAVAILABLE] Surel: IMAP service not available yet";
            case POP3, POP3S -> "-ERR [SYS/PERM] Surel: POP3 service not available yet";
        };
        return c -> {
            c.writeLine(line);
            c.flush();
        };
    }

    public static RefusalHandler busy(Endpoint e, String hostname) {
        String line = switch (e) {
            case SMTP, SUBMISSION, SUBMISSIONS -> "421 4.7.0 " + hostname + " too many connections, try again later";
            case IMAP, IMAPS -> "* BYE [UNAVAILABLE] too many connections, try again later";
            case POP3, POP3S -> "-ERR [SYS/TEMP] too many connections, try again later";
        };
        return (c, reason) -> {
            c.writeLine(line);
            c.flush();
        };
    }

    /** The placeholder service of an endpoint whose protocol has not landed. */
    public static Service service(Endpoint e, String hostname) {
        return new Service(e.key(), e.implicitTls() ? ListenerMode.IMPLICIT_TLS : ListenerMode.PLAIN,
                greeting(e, hostname), busy(e, hostname));
    }
}

package dev.surel.protocol.smtp;

/**
 * A command line {@link SmtpParser} refused, with the reply it deserves (RFC 5321 §4.2.2,
 * RFC 3463 §3.6): {@code 500 5.5.2} unrecognised or malformed command, {@code 501 5.5.4} bad
 * arguments or parameter values, {@code 501 5.1.7} / {@code 501 5.1.3} bad sender / recipient
 * path, {@code 555 5.5.4} an unknown MAIL or RCPT parameter (RFC 5321 §4.1.1.11), {@code 553 5.6.7}
 * a non-ASCII address without SMTPUTF8 (RFC 6531 §3.4). The reply text never quotes the peer.
 */
public final class SmtpSyntaxException extends Exception {
    private final transient SmtpReply reply;

    public SmtpSyntaxException(int code, String enhanced, String text) {
        super(code + " " + enhanced + " " + text, null, false, false);
        this.reply = SmtpReply.of(code, enhanced, text);
    }

    public SmtpReply reply() {
        return reply;
    }

    static SmtpSyntaxException syntax(String text) {
        return new SmtpSyntaxException(500, "5.5.2", text);
    }

    static SmtpSyntaxException params(String text) {
        return new SmtpSyntaxException(501, "5.5.4", text);
    }

    static SmtpSyntaxException unknownParam(String text) {
        return new SmtpSyntaxException(555, "5.5.4", text);
    }
}

package dev.surel.net;

import java.util.Locale;

/** The network services Surel offers, with their standard ports (RFC 8314 §7 for implicit TLS). */
public enum Endpoint {
    SMTP(25, false),
    SUBMISSION(587, false),
    SUBMISSIONS(465, true),
    IMAP(143, false),
    IMAPS(993, true),
    POP3(110, false),
    POP3S(995, true),
    /** ManageSieve (RFC 5804 §1.8: port 4190, STARTTLS). */
    MANAGESIEVE(4190, false);

    private final int standardPort;
    private final boolean implicitTls;

    Endpoint(int standardPort, boolean implicitTls) {
        this.standardPort = standardPort;
        this.implicitTls = implicitTls;
    }

    public int standardPort() {
        return standardPort;
    }

    /** True when TLS starts at connect (RFC 8314), false when the protocol offers STARTTLS. */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** The protocol this endpoint speaks. */
    public Protocol protocol() {
        return switch (this) {
            case SMTP, SUBMISSION, SUBMISSIONS -> Protocol.SMTP;
            case IMAP, IMAPS -> Protocol.IMAP;
            case POP3, POP3S -> Protocol.POP3;
            case MANAGESIEVE -> Protocol.MANAGESIEVE;
        };
    }

    /** The protocols; each is one {@code ProtocolModule} in the server. */
    public enum Protocol { SMTP, IMAP, POP3, MANAGESIEVE }

    /** The key under {@code [listen]}: "smtp", "imaps", ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

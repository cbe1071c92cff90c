package dev.surel.net;

/** How a listener starts its connections. */
public enum ListenerMode {
    /** Clear text first; the protocol may offer STARTTLS (SMTP 25/587, IMAP 143, POP3 110). */
    PLAIN,
    /** TLS handshake before any protocol byte (RFC 8314 §3.3: 465, 993, 995). */
    IMPLICIT_TLS
}

package dev.surel.protocol.pop3;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One POP3 command as the client sent it, after syntax checks (RFC 1939 §4-§7, RFC 2449,
 * RFC 2595, RFC 5034, RFC 6856). Message numbers are 1-based as on the wire; whether they name
 * a message is the session's business (RFC 1939 §5: "-ERR no such message").
 */
public sealed interface Pop3Command {

    /** RFC 1939 §7 USER name. */
    record User(String name) implements Pop3Command {
        @Override public String toString() { return "User[" + name + "]"; }
    }

    /** RFC 1939 §7 PASS string (the rest of the line: it may contain spaces). Never logged. */
    record Pass(String password) implements Pop3Command {
        @Override public String toString() { return "Pass[***]"; }
    }

    /**
     * RFC 5034 §4 AUTH mechanism [initial-response]. An empty {@code mechanism} is the bare
     * {@code AUTH} some clients send to list mechanisms. {@code initialResponse} is the base64
     * text as sent ({@code "="}: an empty response); never logged.
     */
    record Auth(String mechanism, Optional<String> initialResponse) implements Pop3Command {
        @Override public String toString() { return "Auth[" + mechanism + (initialResponse.isPresent() ? " ***" : "") + "]"; }
    }

    /** RFC 1939 §7 APOP: parsed so it can be refused; Surel does not offer it. */
    record Apop(String name) implements Pop3Command { }

    /** RFC 2595 §4 STLS. */
    record Stls() implements Pop3Command { }

    /** RFC 2449 §5 CAPA. */
    record Capa() implements Pop3Command { }

    /** RFC 1939 §5 STAT. */
    record Stat() implements Pop3Command { }

    /** RFC 1939 §5 LIST [msg]. */
    record List(OptionalInt message) implements Pop3Command { }

    /** RFC 1939 §5 RETR msg. */
    record Retr(int message) implements Pop3Command { }

    /** RFC 1939 §5 DELE msg. */
    record Dele(int message) implements Pop3Command { }

    /** RFC 1939 §5 NOOP. */
    record Noop() implements Pop3Command { }

    /** RFC 1939 §5 RSET. */
    record Rset() implements Pop3Command { }

    /** RFC 1939 §7 TOP msg n. */
    record Top(int message, int lines) implements Pop3Command { }

    /** RFC 1939 §7 UIDL [msg]. */
    record Uidl(OptionalInt message) implements Pop3Command { }

    /** RFC 1939 §4, §6 QUIT. */
    record Quit() implements Pop3Command { }

    /** RFC 6856 §2 UTF8. */
    record Utf8() implements Pop3Command { }
}

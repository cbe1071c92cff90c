package dev.surel.protocol.pop3;

/**
 * Why a command line was refused by {@link Pop3Parser}. Each carries a fixed reply text that
 * never repeats client bytes (no response injection).
 */
public enum Pop3SyntaxError {
    EMPTY("empty command"),
    UNKNOWN_COMMAND("unknown command"),
    MISSING_ARGUMENT("missing argument"),
    TOO_MANY_ARGUMENTS("too many arguments"),
    BAD_NUMBER("invalid number"),
    /** RFC 2449 §4: an argument longer than 40 octets. */
    ARGUMENT_TOO_LONG("argument too long"),
    /** RFC 2449 §4: a command line longer than 255 octets, CRLF included. */
    LINE_TOO_LONG("command line too long"),
    BAD_CHARACTER("invalid character in command");

    private final String text;

    Pop3SyntaxError(String text) {
        this.text = text;
    }

    /** The reply text (after {@code -ERR }). */
    public String text() {
        return text;
    }
}

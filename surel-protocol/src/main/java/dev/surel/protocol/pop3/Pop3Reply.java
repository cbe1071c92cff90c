package dev.surel.protocol.pop3;

/**
 * Status lines (RFC 1939 §3): {@code +OK text} and {@code -ERR [CODE] text}. Text must not
 * contain CR or LF (refused: it would let a peer's bytes inject a response); a multi-line
 * response ends with {@link #TERMINATOR}.
 */
public final class Pop3Reply {

    /** The end of a multi-line response (RFC 1939 §3). */
    public static final String TERMINATOR = ".";

    private Pop3Reply() {
    }

    public static String ok(String text) {
        return text.isEmpty() ? "+OK" : "+OK " + checked(text);
    }

    public static String err(String text) {
        return "-ERR " + checked(text);
    }

    public static String err(ResponseCode code, String text) {
        return "-ERR [" + code.wire() + "] " + checked(text);
    }

    private static String checked(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') throw new IllegalArgumentException("CR or LF inside a POP3 reply");
        }
        return text;
    }

    /**
     * One line of a multi-line response, dot-stuffed (RFC 1939 §3): a line starting with "."
     * gets one more in front, so it cannot be taken for the terminator.
     */
    public static String stuffed(String line) {
        checked(line);
        return line.startsWith(".") ? "." + line : line;
    }
}

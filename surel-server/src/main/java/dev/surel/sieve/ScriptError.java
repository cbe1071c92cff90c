package dev.surel.sieve;

/**
 * Why a script is refused, with the line it is on (1 = the first; 0 when no line applies):
 * what ManageSieve's PUTSCRIPT and CHECKSCRIPT answer (RFC 5804 §2.6: "line N: ...") and what
 * {@code surel sieve put} prints.
 */
public final class ScriptError extends Exception {
    private final int line;
    private final String reason;

    public ScriptError(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason, null, false, false);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}

package dev.surel.protocol.sieve;

/**
 * A Sieve script is not valid (a syntax or validation error found by {@link SieveCompiler}) or
 * stopped at run time ({@link SieveInterpreter}): the message is {@code line N: <what>}, the form
 * ManageSieve and the logs show (RFC 5804 §1.3 asks for human-readable errors).
 */
public final class SieveException extends Exception {

    private final int line;
    private final String detail;

    public SieveException(int line, String detail) {
        super("line " + line + ": " + detail, null, false, false);
        this.line = line;
        this.detail = detail;
    }

    /** The script line (1-based) the error is about. */
    public int line() {
        return line;
    }

    /** The message without its {@code line N: } prefix. */
    public String detail() {
        return detail;
    }
}

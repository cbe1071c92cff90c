package dev.surel.transfer;

import java.io.IOException;

/**
 * An import or export that cannot go on for a reason the administrator can fix, with the
 * sysexits(3) code the CLI exits with: the source is not there (66) or not what it was said to
 * be (65), a host is unknown (68) or cannot be reached (69), the login is refused (77), the
 * export directory cannot be made or is in use (73). Other {@link IOException}s exit 74.
 */
public final class TransferException extends IOException {

    // sysexits(3), as every CLI command exits
    private static final int DATAERR = 65;
    private static final int NOINPUT = 66;
    private static final int NOHOST = 68;
    private static final int UNAVAILABLE = 69;
    private static final int CANTCREAT = 73;
    private static final int NOPERM = 77;

    private final int exitCode;

    private TransferException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** EX_NOINPUT: a file or directory that is not there or cannot be read. */
    static TransferException noInput(String message) {
        return new TransferException(NOINPUT, message, null);
    }

    /** EX_DATAERR: the source is there but is not a Maildir, not an mbox file. */
    static TransferException notRecognised(String message) {
        return new TransferException(DATAERR, message, null);
    }

    /** EX_NOHOST: the server's name does not resolve. */
    static TransferException noHost(String message, Throwable cause) {
        return new TransferException(NOHOST, message, cause);
    }

    /** EX_UNAVAILABLE: nothing answers at the server's address. */
    static TransferException unavailable(String message, Throwable cause) {
        return new TransferException(UNAVAILABLE, message, cause);
    }

    /** EX_NOPERM: the server refused the login. */
    static TransferException loginRefused(String message) {
        return new TransferException(NOPERM, message, null);
    }

    /** EX_CANTCREAT: the export directory cannot be made, or holds other files. */
    static TransferException cannotCreate(String message, Throwable cause) {
        return new TransferException(CANTCREAT, message, cause);
    }
}

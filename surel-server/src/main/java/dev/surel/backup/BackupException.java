package dev.surel.backup;

/**
 * A backup or restore that cannot be done, with the sysexits code the CLI exits with and a
 * message for the administrator (it names the path and what to do).
 */
public final class BackupException extends RuntimeException {
    /** EX_DATAERR: the backup (or the store being backed up) is incomplete or damaged. */
    public static final int DATAERR = 65;
    /** EX_NOINPUT: no backup where it was looked for. */
    public static final int NOINPUT = 66;
    /** EX_CANTCREAT: the target is not empty, or not a place a backup may go. */
    public static final int CANTCREAT = 73;
    /** EX_IOERR: reading or writing failed. */
    public static final int IOERR = 74;

    private final int exitCode;

    public BackupException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public BackupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

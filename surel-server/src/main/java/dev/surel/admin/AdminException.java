package dev.surel.admin;

/**
 * An administrative request that cannot be done as asked (unknown user, name taken, bad
 * address, over quota). The message is for the administrator; {@link #exitCode} follows
 * sysexits.h so scripts and MTAs can tell permanent from temporary failures.
 */
public final class AdminException extends RuntimeException {

    /** sysexits.h: the command line or its data was wrong. */
    public static final int USAGE = 64;
    /** sysexits.h: input data was incorrect (bad name, bad address). */
    public static final int DATAERR = 65;
    /** sysexits.h: an input (e.g. a queue id) does not exist. */
    public static final int NOINPUT = 66;
    /** sysexits.h: addressee unknown. */
    public static final int NOUSER = 67;
    /** sysexits.h: internal software error. */
    public static final int SOFTWARE = 70;
    /** sysexits.h: temporary failure, try again later (e.g. over quota). */
    public static final int TEMPFAIL = 75;

    private final int exitCode;

    public AdminException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

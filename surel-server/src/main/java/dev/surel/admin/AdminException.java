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
    /** sysexits.h: a host name is unknown. */
    public static final int NOHOST = 68;
    /** sysexits.h: a service is unavailable (a server that cannot be reached). */
    public static final int UNAVAILABLE = 69;
    /** sysexits.h: internal software error. */
    public static final int SOFTWARE = 70;
    /** sysexits.h: a (user) output file cannot be created. */
    public static final int CANTCREAT = 73;
    /** sysexits.h: an error while reading or writing a file or a connection. */
    public static final int IOERR = 74;
    /** sysexits.h: temporary failure, try again later (e.g. over quota). */
    public static final int TEMPFAIL = 75;
    /** sysexits.h: no permission (e.g. a login refused). */
    public static final int NOPERM = 77;

    private final int exitCode;

    public AdminException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

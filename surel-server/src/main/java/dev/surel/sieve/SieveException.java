package dev.surel.sieve;

/**
 * A script operation that cannot be done: each kind maps to one ManageSieve response code
 * (RFC 5804 §1.3) and one sysexits code of {@code surel sieve}, each in one place.
 */
public final class SieveException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The name breaks RFC 5804 §1.6. */
        INVALID_NAME,
        /** No script of that name (NONEXISTENT). */
        NONEXISTENT,
        /** The new name is taken (ALREADYEXISTS). */
        ALREADY_EXISTS,
        /** The active script cannot be deleted (ACTIVE, §2.10). */
        ACTIVE,
        /** The user has {@code sieve.max_scripts} scripts already (QUOTA/MAXSCRIPTS). */
        TOO_MANY_SCRIPTS,
        /** Larger than {@code sieve.max_script_size} (QUOTA/MAXSIZE). */
        TOO_LARGE
    }

    private final Kind kind;

    public SieveException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

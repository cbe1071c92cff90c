package dev.surel.store;

/**
 * A user-visible store error. Each protocol maps these to its own replies in one place (IMAP
 * {@code NO [NONEXISTENT]}, {@code NO [ALREADYEXISTS]}, {@code NO [OVERQUOTA]}; SMTP
 * {@code 452 4.2.2}; POP3 {@code -ERR}). A store that cannot write for a while (disk full,
 * read-only file system, I/O error) is {@link Unavailable}: a temporary refusal with nothing
 * changed. Server faults (bugs, corruption) are not in this family: they surface as
 * {@link dev.surel.store.sql.Database.StorageException}.
 */
public abstract sealed class StoreException extends RuntimeException {

    private StoreException(String message) {
        super(message, null, false, false);
    }

    /** A mailbox (or message) that does not exist for this account. */
    public static final class NotFound extends StoreException {
        public NotFound(String what) { super(what + " does not exist"); }
    }

    /** A mailbox name already taken. */
    public static final class AlreadyExists extends StoreException {
        public AlreadyExists(String name) { super("mailbox " + name + " already exists"); }
    }

    /** Accepting the change would exceed the account's quota. */
    public static final class OverQuota extends StoreException {
        private final Resource resource;
        private final long limit;

        public OverQuota(Resource resource, long used, long adding, long limit) {
            super("over quota: " + resource.name().toLowerCase() + " used " + used + " + " + adding + " > limit " + limit);
            this.resource = resource;
            this.limit = limit;
        }

        public Resource resource() { return resource; }
        public long limit() { return limit; }

        /** Which limit was hit (RFC 9208 resource names STORAGE and MESSAGE). */
        public enum Resource { BYTES, MESSAGES }
    }

    /** A mailbox name that is syntactically unacceptable. */
    public static final class InvalidName extends StoreException {
        public InvalidName(String name, String why) { super("invalid mailbox name \"" + name + "\": " + why); }
    }

    /** The operation is not allowed on this object, e.g. deleting INBOX. */
    public static final class NotAllowed extends StoreException {
        public NotAllowed(String why) { super(why); }
    }

    /**
     * The given message is larger than the store accepts ({@link Reason#SIZE}), or one of its
     * header blocks or header lines is longer than the store reads ({@link Reason#HEADER}), or the
     * input stream failed.
     */
    public static final class BadMessage extends StoreException {
        private final Reason reason;

        public BadMessage(String why) { this(why, Reason.SIZE); }

        public BadMessage(String why, Reason reason) {
            super(why);
            this.reason = reason;
        }

        public Reason reason() { return reason; }

        /** What was too large. */
        public enum Reason { SIZE, HEADER }
    }

    /**
     * The store cannot write now, and nothing of the request was changed: the disk (or the
     * file system holding the data directory) is full, read-only, or failing. Temporary: the
     * same request succeeds once the condition is gone, without a restart.
     */
    public static final class Unavailable extends StoreException {
        private final Reason reason;

        public Unavailable(Reason reason, String detail) {
            super(reason.text + (detail == null || detail.isBlank() ? "" : ": " + detail));
            this.reason = reason;
        }

        public Reason reason() { return reason; }

        /** Why the store cannot write. */
        public enum Reason {
            /** No space left on the device (ENOSPC, EDQUOT, SQLITE_FULL) or below the configured reserve. */
            DISK_FULL("not enough disk space"),
            /** The file system or a file is read-only, or permissions forbid writing (EROFS, EACCES, SQLITE_READONLY). */
            READ_ONLY("the mail store is read-only"),
            /** Any other I/O failure (EIO, SQLITE_IOERR, SQLITE_CANTOPEN, ...). */
            IO_ERROR("the mail store cannot write");

            private final String text;

            Reason(String text) { this.text = text; }
        }
    }
}

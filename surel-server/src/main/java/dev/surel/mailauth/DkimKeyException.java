package dev.surel.mailauth;

/** A DKIM key operation that cannot be done as asked; {@link #kind} says why, for the caller's exit code. */
public final class DkimKeyException extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** A bad domain, selector or algorithm name. */
        INVALID,
        /** No such key. */
        NOT_FOUND,
        /** The selector is taken. */
        EXISTS,
        /** The request contradicts the keys there are (an active key that would be replaced or removed). */
        CONFLICT,
        /** The key files could not be read or written. */
        IO
    }

    private final Kind kind;

    public DkimKeyException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DkimKeyException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package dev.surel.queue;

/** The queue cannot take a message now (disk, database): a temporary failure for the client (451 4.3.0). */
public final class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueueException(String message) {
        super(message);
    }
}

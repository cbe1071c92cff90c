package dev.surel.net;

/**
 * A unit of input did not arrive in full by its {@link Deadline} (a slow sender: a command line,
 * a literal or a message trickled in). The connection has logged it with its id and the client's
 * address; the protocol answers it with its goodbye (SMTP {@code 421 4.4.2}, IMAP {@code * BYE},
 * POP3 {@code -ERR}) and ends the session. The connection is still writable, and what remains of
 * the unit is never read.
 */
public final class DeadlineExceededException extends SessionInterrupt {
    private final transient Deadline deadline;

    public DeadlineExceededException(Deadline deadline) {
        super(deadline.what() + " not received within " + deadline.limitText());
        this.deadline = deadline;
    }

    public Deadline deadline() {
        return deadline;
    }
}

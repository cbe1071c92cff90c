package dev.surel.queue;

import dev.surel.server.ServerContext;

/**
 * The delivery queue as the server runs it: the {@link MailQueue} SMTP sessions hand mail to,
 * and the background delivery it drives. Closed with the server, after the listeners.
 */
public final class QueueModule implements AutoCloseable {

    private final MailQueue queue;

    private QueueModule(MailQueue queue) {
        this.queue = queue;
    }

    public static QueueModule start(ServerContext ctx) {
        return new QueueModule(new DirectLocalQueue(ctx.services().store()));
    }

    public MailQueue queue() {
        return queue;
    }

    @Override
    public void close() {
    }
}

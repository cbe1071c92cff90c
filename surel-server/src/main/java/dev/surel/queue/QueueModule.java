package dev.surel.queue;

import dev.surel.server.ServerContext;

/**
 * The delivery queue as the server runs it: the {@link SqlMailQueue} SMTP sessions hand mail
 * to (it lives in {@link dev.surel.server.Services}, so {@code ./surel queue} works with and
 * without a server) and the {@link QueueRunner} that delivers it. Closed with the server,
 * after the listeners.
 */
public final class QueueModule implements AutoCloseable {

    private final SqlMailQueue queue;
    private final QueueRunner runner;

    private QueueModule(SqlMailQueue queue, QueueRunner runner) {
        this.queue = queue;
        this.runner = runner;
    }

    /** Starts delivery with a transport that defers every remote recipient ({@link UnconfiguredTransport}). */
    public static QueueModule start(ServerContext ctx) {
        return start(ctx, new UnconfiguredTransport());
    }

    /** Starts delivery with {@code transport} for remote recipients. */
    public static QueueModule start(ServerContext ctx, RemoteTransport transport) {
        SqlMailQueue queue = ctx.services().queue();
        QueueRunner runner = new QueueRunner(queue, ctx.services().store(), ctx.services().directory(), transport,
                ctx.config().queue(), ctx.clock(), ctx.config().hostname());
        runner.start();
        return new QueueModule(queue, runner);
    }

    public MailQueue queue() {
        return queue;
    }

    /** The delivery runner (to {@link QueueRunner#poke} it). */
    public QueueRunner runner() {
        return runner;
    }

    @Override
    public void close() {
        runner.close();
    }
}

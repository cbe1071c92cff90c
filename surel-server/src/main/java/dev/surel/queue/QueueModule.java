package dev.surel.queue;

import dev.surel.delivery.SmtpRemoteTransport;
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
    private final AutoCloseable transport; // ours to close, after the runner (it may be mid-delivery until then); or null

    private QueueModule(SqlMailQueue queue, QueueRunner runner, AutoCloseable transport) {
        this.queue = queue;
        this.runner = runner;
        this.transport = transport;
    }

    /** Starts delivery with outbound SMTP ({@link SmtpRemoteTransport}, settings from {@code [queue]}) for remote recipients. */
    public static QueueModule start(ServerContext ctx) {
        SmtpRemoteTransport transport = new SmtpRemoteTransport(ctx.config().delivery());
        return start(ctx, transport, transport);
    }

    /** Starts delivery with {@code transport} for remote recipients. */
    public static QueueModule start(ServerContext ctx, RemoteTransport transport) {
        return start(ctx, transport, null);
    }

    private static QueueModule start(ServerContext ctx, RemoteTransport transport, AutoCloseable owned) {
        SqlMailQueue queue = ctx.services().queue();
        QueueRunner runner = new QueueRunner(queue, ctx.services().store(), ctx.services().directory(), transport,
                ctx.config().queue(), ctx.clock(), ctx.config().hostname());
        runner.start();
        return new QueueModule(queue, runner, owned);
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
        if (transport != null) {
            try {
                transport.close();
            } catch (Exception ignored) {
                // SmtpRemoteTransport.close only stops its watchdog timer
            }
        }
    }
}

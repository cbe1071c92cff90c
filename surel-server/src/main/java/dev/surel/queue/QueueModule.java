package dev.surel.queue;

import dev.surel.accounts.Directory;
import dev.surel.filter.RecipientSpam;
import dev.surel.store.MailStore;
import java.time.Clock;

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

    /**
     * Starts delivery from {@code queue}: local recipients into {@code store} (resolved again in
     * {@code directory}) with the per-recipient spam score ({@link RecipientSpam}, the users'
     * Bayes) and the users' Sieve scripts ({@code sieve}, null: none), remote ones through
     * {@code transport} (the server's is outbound SMTP, closed here after the runner when
     * {@code closeTransport}).
     */
    public static QueueModule start(SqlMailQueue queue, MailStore store, Directory directory, RemoteTransport transport,
                                    boolean closeTransport, QueueSettings settings, Clock clock, String hostname, RecipientSpam spam,
                                    dev.surel.sieve.DeliveryScripts sieve) {
        QueueRunner runner = new QueueRunner(queue, store, directory, transport, settings, clock, hostname, spam, sieve);
        runner.start();
        return new QueueModule(queue, runner, closeTransport && transport instanceof AutoCloseable c ? c : null);
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
                // the outbound SMTP transport's close only stops its watchdog timer
            }
        }
    }
}

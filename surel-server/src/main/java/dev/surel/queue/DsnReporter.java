package dev.surel.queue;

import dev.surel.accounts.Directory;
import dev.surel.store.MailStore;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the DSNs a message owes: one DSN (RFC 3464, see {@link DsnMessage}) per pass covering
 * every finished recipient not yet reported and every recipient due a "delayed" warning
 * (NOTIFY=DELAY, once, after {@link QueueSettings#delayWarning}), from {@code MAILER-DAEMON} with the null
 * reverse-path, back through this queue, so a local sender finds it in their INBOX at once and
 * a remote one gets it through the transport.
 *
 * <p>Exactly one DSN per finished recipient: the DSN is queued in the transaction that marks
 * the records reported (a crash before it leaves them unreported, and the runner reports them
 * at start). A message with the null reverse-path never gets one (RFC 5321 §4.5.5: no bounce
 * of a bounce); that is logged and the records are marked reported.
 */
final class DsnReporter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DsnReporter.class);

    private final SqlMailQueue queue;
    private final MailStore store;
    private final Directory directory;
    private final QueueSettings settings;
    private final Clock clock;
    private final String hostname;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    DsnReporter(SqlMailQueue queue, MailStore store, Directory directory, QueueSettings settings, Clock clock, String hostname) {
        this.queue = queue;
        this.store = store;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.hostname = hostname;
        for (int i = 0; i < stripes.length; i++) stripes[i] = new ReentrantLock();
    }

    /** Reports what {@code queueId} owes, if anything; never throws. */
    void report(String queueId) {
        ReentrantLock lock = stripes[Math.floorMod(queueId.hashCode(), stripes.length)];
        lock.lock();
        try {
            QueuedMessage m = queue.find(queueId).orElse(null);
            if (m == null) return;
            Instant now = clock.instant();
            List<QueuedRecipient> finished = m.recipients().stream()
                    .filter(r -> r.state() != QueuedRecipient.State.QUEUED && !r.reported()).toList();
            List<QueuedRecipient> delayed = m.recipients().stream().filter(r -> delayDue(m, r, now)).toList();
            if (finished.isEmpty() && delayed.isEmpty()) return;
            List<Long> ids = finished.stream().map(QueuedRecipient::id).toList();
            List<Long> delayedIds = delayed.stream().map(QueuedRecipient::id).toList();
            List<QueuedRecipient> owed = new ArrayList<>(finished);
            owed.addAll(delayed);
            if (m.reversePath().isEmpty()) {
                log.warn("{}: no DSN for a message with the null reverse-path (a bounce is never bounced)", queueId);
                queue.reported(queueId, ids, delayedIds, null);
                return;
            }
            List<QueueRecipient> to = recipients(m.reversePath());
            if (to.isEmpty()) {
                log.warn("{}: DSN to <{}> dropped: not a deliverable address", queueId, m.reversePath());
                queue.reported(queueId, ids, delayedIds, null);
                return;
            }
            try (SpooledMessage dsn = spoolDsn(m, owed, now)) {
                Envelope.BodyType body = m.body() == Envelope.BodyType.SEVEN_BIT && !m.smtputf8()
                        ? Envelope.BodyType.SEVEN_BIT : Envelope.BodyType.EIGHT_BIT_MIME;
                if (m.body() == Envelope.BodyType.BINARY_MIME) body = Envelope.BodyType.BINARY_MIME;
                String dsnId = SqlMailQueue.newId();
                // DKIM-signed on its way out; the report of a REQUIRETLS message travels under REQUIRETLS too (RFC 8689 §5:
                // a sender that requires TLS must be able to receive so, else the report is lost)
                Envelope env = Envelope.generated("", to, body, m.smtputf8(), now, m.requireTls());
                queue.reported(queueId, ids, delayedIds, new SqlMailQueue.NewDsn(dsnId, env, dsn));
                log.info("{}: DSN {} queued to <{}> for {} recipient(s)", queueId, dsnId, m.reversePath(), owed.size());
            }
        } catch (SqlMailQueue.RecordGone e) {
            log.debug("{}: already reported", queueId);
        } catch (IOException | RuntimeException e) {
            log.error("{}: cannot send its DSN now (will retry): {}", queueId, e.toString());
        } finally {
            lock.unlock();
        }
    }

    /** The DSN's bytes spooled; with the original's headers only if the whole would exceed the store's size limit. */
    private SpooledMessage spoolDsn(QueuedMessage m, List<QueuedRecipient> owed, Instant now) throws IOException {
        Instant until = m.receivedAt().plus(settings.lifetime());
        try (InputStream in = DsnMessage.build(hostname, m, owed, now, until, settings.dsnMaxReturnedBytes(), () -> queue.open(m.blobHash()))) {
            return store.spool(in);
        } catch (StoreException.BadMessage tooLarge) {
            try (InputStream in = DsnMessage.build(hostname, m, owed, now, until, 0, () -> queue.open(m.blobHash()))) {
                return store.spool(in);
            }
        }
    }

    /**
     * RFC 3461 §4.1 NOTIFY=DELAY: a recipient that asked for it, was tried at least once, is
     * still queued {@link QueueSettings#delayWarning} after arrival and was not yet warned.
     */
    boolean delayDue(QueuedMessage m, QueuedRecipient r, Instant now) {
        return !settings.delayWarning().isZero() && r.state() == QueuedRecipient.State.QUEUED && !r.delayReported()
                && r.attempts() > 0 && r.recipient().notifyOn().contains(QueueRecipient.Notify.DELAY)
                && !now.isBefore(m.receivedAt().plus(settings.delayWarning()));
    }

    /** Where a DSN to {@code address} goes: local accounts (through aliases) or the remote address itself. */
    private List<QueueRecipient> recipients(String address) {
        return Recipients.of(directory, address, address);
    }
}

package dev.surel.queue;

import dev.surel.filter.RecipientSpam;
import dev.surel.queue.QueuedRecipient.State;
import dev.surel.queue.SqlMailQueue.Update;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import dev.surel.store.sql.SqlTransaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Delivers a queued message to a local recipient's INBOX, or to its Junk mailbox when the
 * checks of incoming mail quarantined it ({@link QueuedMessage#junk()}; the mailbox with the
 * RFC 6154 {@code \Junk} attribute, else the one named "Junk", created with the attribute when
 * the user has neither).
 *
 * <p>Each recipient gets its own copy with {@code Return-Path: <reverse-path>} (RFC 5321
 * §4.4: added by the final delivery), {@code Delivered-To: address} (the Postfix/Dovecot
 * convention, loop detection) and the checks' {@code Authentication-Results} field (RFC 8601,
 * when the message was checked on port 25) prepended: a new spool per recipient (the store keeps whole
 * messages as content-addressed blobs, so no cheaper composition is available).
 *
 * <p>Exactly once: the append and the record's change to {@code delivered} run in one store
 * transaction ({@link MailStore#appendWith}); if the record is no longer queued (deleted by an
 * administrator, or delivered by an earlier pass) the append is rolled back. A crash before the
 * commit leaves neither, so the record is retried; after it, both.
 *
 * <p>A recipient with Sieve scripts (its own active one, or the site's global ones) is
 * delivered through them instead ({@link SieveDelivery}): the same transaction then also holds
 * the script's other copies and the mail it sends.
 *
 * <p>Failures after the 250 never vanish: the account removed meanwhile is a permanent
 * 5.1.1 failure; over quota (4.2.2) and store trouble (4.3.0) are deferred and retried like
 * remote deferrals until the queue lifetime, then fail with 4.4.7 and a DSN.
 */
final class LocalDelivery {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalDelivery.class);

    private final SqlMailQueue queue;
    private final MailStore store;
    private final Outcomes outcomes;
    private final Clock clock;
    private final RecipientSpam spam;
    private final SieveDelivery sieve;

    LocalDelivery(SqlMailQueue queue, MailStore store, Outcomes outcomes, Clock clock) {
        this(queue, store, outcomes, clock, RecipientSpam.off(), null);
    }

    /**
     * With {@code spam}: the recipient's part of the spam score (Bayes) and its Junk decision, per
     * local recipient; with {@code sieve} (or null), recipients with Sieve scripts are delivered
     * through them (after the rescoring, so their spamtest sees the final score).
     */
    LocalDelivery(SqlMailQueue queue, MailStore store, Outcomes outcomes, Clock clock, RecipientSpam spam, SieveDelivery sieve) {
        this.sieve = sieve;
        this.queue = queue;
        this.store = store;
        this.outcomes = outcomes;
        this.clock = clock;
        this.spam = spam;
    }

    /** Delivers to each local recipient of {@code m}; returns true when a DSN may now be owed. */
    boolean deliver(QueuedMessage m) {
        java.util.List<Update> updates = new java.util.ArrayList<>();
        boolean owed = false;
        for (QueuedRecipient r : m.recipients()) {
            Update u = deliverOne(m, r);
            if (u == null) {
                owed |= Outcomes.owed(m, r.recipient(), State.DELIVERED);
            } else {
                updates.add(u);
                owed |= u.reportOwed();
            }
        }
        queue.apply(m.queueId(), updates);
        Instant now = clock.instant();
        for (Update u : updates) {
            m.recipients().stream().filter(r -> r.id() == u.recipientId()).findFirst()
                    .ifPresent(r -> DeliveryLog.attempt(m, r, u, DeliveryLog.LOCAL, now));
        }
        return owed;
    }

    /** The account's Junk mailbox (RFC 6154 \Junk, else named "Junk"), created when missing. */
    private long junk(long accountId) {
        for (dev.surel.store.MailboxInfo i : store.listMailboxes(accountId)) {
            if (i.specialUse() == dev.surel.store.SpecialUse.JUNK) return i.id();
        }
        try {
            return store.mailbox(accountId, "Junk").id();
        } catch (StoreException.NotFound e) {
            try {
                return store.createMailbox(accountId, "Junk", dev.surel.store.SpecialUse.JUNK).id();
            } catch (StoreException.AlreadyExists again) { // created meanwhile by the user or another delivery
                return store.mailbox(accountId, "Junk").id();
            }
        }
    }

    /** The queued prefix and Junk flag with the recipient's part of the spam score; as queued when that fails (logged). */
    private RecipientSpam.Rescored rescore(QueuedMessage m, QueueRecipient q) {
        try {
            return spam.rescore(q.localAccountId(), () -> queue.open(m.blobHash()), m.authResults(), m.junk());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: per-recipient spam score for {} not computed: {}", m.queueId(), q.address(), e.toString());
            return new RecipientSpam.Rescored(m.authResults(), m.junk());
        }
    }

    /** Null when delivered (and recorded in the same transaction), else the update to record. */
    private Update deliverOne(QueuedMessage m, QueuedRecipient r) {
        QueueRecipient q = r.recipient();
        RecipientSpam.Rescored scored = rescore(m, q);
        Update done = outcomes.delivered(m, r, null, scored.junk() ? "250 2.0.0 delivered to Junk" : "250 2.0.0 delivered to INBOX");
        try {
            long inbox = scored.junk() ? junk(q.localAccountId()) : store.mailbox(q.localAccountId(), "INBOX").id();
            byte[] prefix = ("Return-Path: <" + DsnMessage.clean(m.reversePath()) + ">\r\nDelivered-To: "
                    + DsnMessage.clean(q.address()) + "\r\n" + scored.prefix()).getBytes(StandardCharsets.UTF_8);
            if (sieve != null && sieve.deliver(m, r, prefix, scored.prefix(), inbox)) return null;
            try (InputStream original = queue.open(m.blobHash());
                 SpooledMessage copy = store.spool(new SequenceInputStream(new ByteArrayInputStream(prefix), original))) {
                store.appendWith(q.localAccountId(), inbox, NewMessage.of(copy), tx -> queue.markDelivered(SqlTransaction.connection(tx), m.queueId(), done));
            }
            DeliveryLog.attempt(m, r, done, DeliveryLog.LOCAL, clock.instant());
            return null;
        } catch (SqlMailQueue.RecordGone e) {
            log.info("{}: record for {} no longer queued, not delivered", m.queueId(), q.address());
            return null;
        } catch (StoreException.NotFound e) {
            log.warn("{}: {} no longer exists: {}", m.queueId(), q.address(), e.getMessage());
            return outcomes.failed(m, r, "5.1.1", null, "550 5.1.1 <" + q.address() + ">: mailbox unavailable (no such user)");
        } catch (StoreException.OverQuota e) {
            return outcomes.deferred(m, r, null, "452 4.2.2 <" + q.address() + ">: mailbox full", clock.instant());
        } catch (StoreException.BadMessage e) {
            return outcomes.failed(m, r, "5.3.4", null, "552 5.3.4 message not accepted by the mailbox: " + e.getMessage());
        } catch (StoreException.Unavailable e) { // disk full, read-only: retried like any deferral, no stack trace
            log.warn("{}: local delivery to {} deferred: {}", m.queueId(), q.address(), e.getMessage());
            String reply = e.reason() == StoreException.Unavailable.Reason.DISK_FULL
                    ? "452 4.3.1 insufficient system storage" : "451 4.3.0 local delivery failed";
            return outcomes.deferred(m, r, null, reply, Instant.now(clock));
        } catch (StoreException | IOException | UncheckedIOException | dev.surel.store.sql.Database.StorageException e) {
            log.error("{}: local delivery to {} failed, deferred: {}", m.queueId(), q.address(), e.toString());
            return outcomes.deferred(m, r, null, "451 4.3.0 local delivery failed", Instant.now(clock));
        }
    }
}

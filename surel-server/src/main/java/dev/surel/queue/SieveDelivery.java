package dev.surel.queue;

import dev.surel.accounts.Directory;
import dev.surel.protocol.sieve.AutoReply;
import dev.surel.protocol.sieve.HeaderEditor;
import dev.surel.protocol.sieve.MimeSieveMessage;
import dev.surel.protocol.sieve.SieveAction;
import dev.surel.protocol.sieve.SieveResult;
import dev.surel.protocol.sieve.VacationPolicy;
import dev.surel.queue.SqlMailQueue.Update;
import dev.surel.sieve.DeliveryScripts;
import dev.surel.sieve.SieveMemory;
import dev.surel.store.Filing;
import dev.surel.store.Flag;
import dev.surel.store.Flags;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import dev.surel.store.sql.SqlTransaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Local delivery through the recipient's Sieve scripts (RFC 5228 §2.10): the site's
 * {@code sieve.before} script, the user's active script and {@code sieve.after} run on the
 * message, and what they decide is carried out in ONE store transaction with the queue record
 * marked delivered ({@link MailStore#fileAll}): the copies filed with their flags (RFC 5232),
 * the redirected copies (RFC 5228 §4.2), vacation reply (RFC 5230) and rejection notice
 * (RFC 5429) queued, the vacation and duplicate (RFC 7352) records written. A crash before the
 * commit leaves none of it, so the record is retried and the script runs again; after it, all.
 *
 * <p>A script that fails (a run-time error, a limit, a script that no longer compiles) never
 * loses mail: the message is kept in INBOX and the error is logged with its line
 * (§2.10.6). The default mailbox of keep is the spam filter's: a message the checks sent to Junk
 * is kept in Junk.
 */
final class SieveDelivery {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SieveDelivery.class);

    /** Largest header section editheader rewrites; beyond it the edits are dropped (logged). */
    static final int MAX_EDITED_HEADER = 256 * 1024;

    private final SqlMailQueue queue;
    private final MailStore store;
    private final Directory directory;
    private final DeliveryScripts scripts;
    private final SieveMemory memory;
    private final Outcomes outcomes;
    private final Clock clock;
    private final String hostname;

    SieveDelivery(SqlMailQueue queue, MailStore store, Directory directory, DeliveryScripts scripts, Outcomes outcomes, Clock clock,
            String hostname) {
        this.queue = queue;
        this.store = store;
        this.directory = directory;
        this.scripts = scripts;
        this.memory = scripts.memory();
        this.outcomes = outcomes;
        this.clock = clock;
        this.hostname = hostname;
    }

    /**
     * Runs the scripts for recipient {@code r} and carries out their result with the record
     * marked delivered, in one transaction; false (nothing done) when no script applies: the
     * user has no active script and the site no global one.
     *
     * @param prefix the header fields local delivery writes above the message (Return-Path, Delivered-To, results)
     * @param fields our Authentication-Results and the X-Spam-* fields of this recipient's score (spamtest reads them)
     * @param defaultMailbox where keep stores: INBOX, or Junk for spam
     */
    boolean deliver(QueuedMessage m, QueuedRecipient r, byte[] prefix, String fields, long defaultMailbox) throws IOException {
        QueueRecipient q = r.recipient();
        long account = q.localAccountId();
        Instant now = clock.instant();
        Optional<DeliveryScripts.Run> run = scripts.run(account, prefix, () -> queue.open(m.blobHash()), m.size(), m.reversePath(),
                q.rcptTo(), fields, now);
        if (run.isEmpty()) return false;
        MimeSieveMessage message = run.get().message();
        SieveResult result = run.get().result();
        if (result.error() != null) {
            log.warn("{}: Sieve for {} failed at line {}: {}; kept in INBOX", m.queueId(), q.address(), result.error().line(),
                    result.error().detail());
        }

        List<byte[]> vacations = new ArrayList<>();
        List<SieveAction.Vacation> vacationActions = new ArrayList<>();
        List<Envelope> redirects = new ArrayList<>();
        byte[] rejection = null;
        boolean refusedRedirect = false;
        for (SieveAction a : result.actions()) {
            switch (a) {
                case SieveAction.Redirect red -> {
                    Envelope e = redirect(m, q, message, red, now);
                    if (e != null) redirects.add(e);
                    else refusedRedirect = true;
                }
                case SieveAction.Vacation v -> {
                    byte[] reply = vacation(m, q, message, v, now);
                    if (reply != null) {
                        vacations.add(reply);
                        vacationActions.add(v);
                    }
                }
                case SieveAction.Reject rej -> rejection = rejection(m, q, message, rej, now);
                default -> { }
            }
        }

        List<SpooledMessage> spooled = new ArrayList<>();
        try {
            List<Filing> filings = filings(m, q, prefix, result, refusedRedirect, defaultMailbox, spooled);
            SpooledMessage redirected = null;
            if (!redirects.isEmpty()) {
                try (InputStream in = new SequenceInputStream(new ByteArrayInputStream(deliveredTo(q)), queue.open(m.blobHash()))) {
                    redirected = keep(spooled, store.spool(in));
                }
            }
            SpooledMessage redirectedCopy = redirected;
            List<SpooledMessage> replies = new ArrayList<>();
            for (byte[] v : vacations) replies.add(keep(spooled, store.spool(new ByteArrayInputStream(v))));
            SpooledMessage rejected = rejection == null ? null : keep(spooled, store.spool(new ByteArrayInputStream(rejection)));
            List<QueueRecipient> replyTo = m.reversePath().isEmpty() ? List.of() : Recipients.of(directory, m.reversePath(), m.reversePath());

            Update done = outcomes.delivered(m, r, null, "250 2.0.0 " + summary(filings, redirects, rejection != null));
            List<String> queued = new ArrayList<>();
            store.fileAll(account, filings, tx -> {
                var c = SqlTransaction.connection(tx);
                queued.clear(); // a retried transaction starts over
                queue.markDelivered(c, m.queueId(), done);
                for (SieveResult.DuplicateMark d : result.duplicates()) {
                    memory.recordDuplicate(tx, account, d.handle(), d.id(), d.seconds(), now);
                }
                for (Envelope e : redirects) {
                    String id = MailQueue.newId();
                    queue.insert(c, id, e, redirectedCopy);
                    queued.add(id + " (redirect)");
                }
                for (int i = 0; i < replies.size(); i++) {
                    SieveAction.Vacation v = vacationActions.get(i);
                    if (replyTo.isEmpty() || !memory.claimVacationReply(tx, account, v.handle(), m.reversePath(), v.seconds(), now)) {
                        continue;
                    }
                    String id = MailQueue.newId();
                    queue.insert(c, id, Envelope.generated("", replyTo, bodyType(vacations.get(i)), false, now), replies.get(i));
                    queued.add(id + " (vacation)");
                }
                if (rejected != null && !replyTo.isEmpty()) {
                    String id = MailQueue.newId();
                    queue.insert(c, id, Envelope.generated("", replyTo, Envelope.BodyType.EIGHT_BIT_MIME, false, now), rejected);
                    queued.add(id + " (rejection)");
                }
            });
            if (!queued.isEmpty()) {
                log.info("{}: Sieve of {} queued {}", m.queueId(), q.address(), String.join(", ", queued));
                queue.newWork();
            }
            DeliveryLog.attempt(m, r, done, DeliveryLog.LOCAL, clock.instant());
            return true;
        } finally {
            for (SpooledMessage s : spooled) s.close();
        }
    }

    private static SpooledMessage keep(List<SpooledMessage> all, SpooledMessage s) {
        all.add(s);
        return s;
    }

    /**
     * The copies to store: one per mailbox of {@link SieveResult#stores()}, with their flags; a
     * mailbox that does not exist is created when :create asked (RFC 5490 §3.2), else the copy
     * goes to the default mailbox (as Pigeonhole does, logged). Header edits (RFC 5293) are
     * written into the one copy all mailboxes share.
     */
    private List<Filing> filings(QueuedMessage m, QueueRecipient q, byte[] prefix, SieveResult result, boolean keepAnyway,
            long defaultMailbox, List<SpooledMessage> spooled) throws IOException {
        Map<String, List<String>> stores = new LinkedHashMap<>(result.stores());
        if (keepAnyway) stores.putIfAbsent("INBOX", List.of()); // a redirect not done must not lose the message
        if (stores.isEmpty()) return List.of();
        Set<String> create = new LinkedHashSet<>();
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.FileInto f && f.create()) create.add(f.mailbox());
        }
        long account = q.localAccountId();
        Map<Long, Flags> byMailbox = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : stores.entrySet()) {
            java.util.OptionalLong found = mailbox(m, q, account, e.getKey(), create.contains(e.getKey()), defaultMailbox);
            // a fileinto that falls back to the default mailbox is the failure's implicit keep: no flags (as Pigeonhole)
            byMailbox.merge(found.orElse(defaultMailbox), found.isPresent() ? flags(e.getValue()) : Flags.NONE, SieveDelivery::union);
        }
        SpooledMessage copy;
        try (InputStream in = content(m, prefix, result)) {
            copy = keep(spooled, store.spool(in));
        }
        List<Filing> out = new ArrayList<>();
        for (Map.Entry<Long, Flags> e : byMailbox.entrySet()) {
            out.add(new Filing(e.getKey(), new NewMessage(copy, e.getValue(), null)));
        }
        return out;
    }

    /** The mailbox's id, or empty when the copy falls back to the default mailbox (logged). */
    private java.util.OptionalLong mailbox(QueuedMessage m, QueueRecipient q, long account, String name, boolean create,
            long defaultMailbox) {
        if (name.equalsIgnoreCase("INBOX")) return java.util.OptionalLong.of(defaultMailbox);
        try {
            return java.util.OptionalLong.of(store.mailbox(account, name).id());
        } catch (StoreException.NotFound e) {
            if (create) {
                try {
                    return java.util.OptionalLong.of(store.createMailbox(account, name, null).id());
                } catch (StoreException.AlreadyExists again) {
                    return java.util.OptionalLong.of(store.mailbox(account, name).id());
                } catch (StoreException.NotFound | StoreException.InvalidName | StoreException.NotAllowed bad) {
                    log.warn("{}: Sieve of {}: cannot create mailbox \"{}\": {}; kept", m.queueId(), q.address(), name, bad.getMessage());
                    return java.util.OptionalLong.empty();
                }
            }
            log.warn("{}: Sieve of {}: fileinto \"{}\": no such mailbox; kept", m.queueId(), q.address(), name);
            return java.util.OptionalLong.empty();
        } catch (StoreException.InvalidName | StoreException.NotAllowed e) {
            log.warn("{}: Sieve of {}: fileinto \"{}\": {}; kept", m.queueId(), q.address(), name, e.getMessage());
            return java.util.OptionalLong.empty();
        }
    }

    /** RFC 5232 §3: system flags by name, keywords as atoms (at most 100 characters); anything else (and \Recent) is ignored. */
    static Flags flags(List<String> names) {
        return Flags.lenient(names, 100);
    }

    private static Flags union(Flags a, Flags b) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(a.system());
        s.addAll(b.system());
        Set<String> k = new LinkedHashSet<>(a.keywords());
        k.addAll(b.keywords());
        return new Flags(s, k);
    }

    /** The stored copy: the prefix and the message, or with editheader's changes the edited header and the body. */
    private InputStream content(QueuedMessage m, byte[] prefix, SieveResult result) throws IOException {
        InputStream original = queue.open(m.blobHash());
        if (result.headerEdits().isEmpty()) return new SequenceInputStream(new ByteArrayInputStream(prefix), original);
        byte[] header = HeaderSection.read(original, MAX_EDITED_HEADER);
        if (header == null) {
            log.warn("{}: header section over {} octets: editheader changes not applied", m.queueId(), MAX_EDITED_HEADER);
            original.close();
            return new SequenceInputStream(new ByteArrayInputStream(prefix), queue.open(m.blobHash()));
        }
        byte[] all = new byte[prefix.length + header.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(header, 0, all, prefix.length, header.length);
        byte[] edited = HeaderEditor.apply(all, result.headerEdits());
        return new SequenceInputStream(new ByteArrayInputStream(edited),
                new SequenceInputStream(new ByteArrayInputStream(HeaderSection.END), original));
    }

    private static byte[] deliveredTo(QueueRecipient q) {
        return ("Delivered-To: " + DsnMessage.clean(q.address()) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 5228 §4.2 redirect: the message goes on from the user's address (an SRS address of the
     * user's domain on its way out, {@code delivery.SenderRewriting}), keeping the original
     * reverse-path for bounces. Not done (logged; the message is kept instead, since the script's
     * redirect cancelled the implicit keep) when the message already passed through this user
     * (its Delivered-To, RFC 5228 §4.2 loop prevention) or the target cannot be resolved.
     */
    private Envelope redirect(QueuedMessage m, QueueRecipient q, MimeSieveMessage message, SieveAction.Redirect red, Instant now) {
        long loops = message.header("Delivered-To").stream()
                .filter(v -> v.strip().equalsIgnoreCase(q.address()) || v.strip().equalsIgnoreCase(q.rcptTo())).count();
        if (loops > 1) {
            log.warn("{}: Sieve of {}: redirect to <{}> refused: the message has been here before (mail loop)", m.queueId(),
                    q.address(), red.address());
            return null;
        }
        List<QueueRecipient> to = Recipients.of(directory, red.address(), q.address());
        if (to.isEmpty()) {
            log.warn("{}: Sieve of {}: redirect to <{}>: no such local user; dropped", m.queueId(), q.address(), red.address());
            return null;
        }
        String client = m.clientAddress() != null ? m.clientAddress() : "127.0.0.1";
        return new Envelope(m.reversePath(), to, null, null, m.body(), m.smtputf8(), null, client, now, m.authResults(), false,
                m.requireTls());
    }

    /** RFC 5230 §4.5, §4.6, §5: the reply's octets, or null when the policy says no reply is due. */
    private byte[] vacation(QueuedMessage m, QueueRecipient q, MimeSieveMessage message, SieveAction.Vacation v, Instant now) {
        VacationPolicy.Decision d = VacationPolicy.decide(message, v, List.of(q.address(), q.rcptTo()));
        if (d != VacationPolicy.Decision.REPLY) {
            log.info("{}: Sieve of {}: no vacation reply to <{}>: {}", m.queueId(), q.address(), m.reversePath(), d);
            return null;
        }
        String from = v.from() != null ? v.from() : "<" + q.rcptTo() + ">";
        return AutoReply.vacation(v, AutoReply.Original.of(message), from, m.reversePath(), messageId(), now.atZone(ZoneId.systemDefault()));
    }

    /** RFC 5429 §2.1.1: the rejection notice to the envelope sender (none for the null sender: a bounce is not answered). */
    private byte[] rejection(QueuedMessage m, QueueRecipient q, MimeSieveMessage message, SieveAction.Reject rej, Instant now)
            throws IOException {
        log.info("{}: Sieve of {} rejected the message: {}", m.queueId(), q.address(), rej.reason());
        if (m.reversePath().isEmpty()) return null;
        byte[] header;
        try (InputStream in = queue.open(m.blobHash())) {
            header = HeaderSection.read(in, 64 * 1024);
        }
        if (header == null) header = new byte[0];
        return AutoReply.rejection(rej.reason(), AutoReply.Original.of(message), hostname, q.rcptTo(),
                "Mail Delivery System <MAILER-DAEMON@" + hostname + ">", m.reversePath(), messageId(),
                now.atZone(ZoneId.systemDefault()), header);
    }

    private String messageId() {
        return "<" + MailQueue.newId() + ".sieve@" + hostname + ">";
    }

    private static Envelope.BodyType bodyType(byte[] message) {
        for (byte b : message) if (b < 0) return Envelope.BodyType.EIGHT_BIT_MIME;
        return Envelope.BodyType.SEVEN_BIT;
    }

    private static String summary(List<Filing> filings, List<Envelope> redirects, boolean rejected) {
        List<String> parts = new ArrayList<>();
        if (!filings.isEmpty()) parts.add("delivered by Sieve to " + filings.size() + " mailbox(es)");
        if (!redirects.isEmpty()) parts.add("redirected to " + String.join(", ",
                redirects.stream().flatMap(e -> e.recipients().stream()).map(QueueRecipient::address).toList()));
        if (rejected) parts.add("rejected by Sieve");
        return parts.isEmpty() ? "discarded by Sieve" : String.join("; ", parts);
    }
}

package dev.surel.filter;

import dev.surel.protocol.bayes.MessageTokens;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.SpecialUse;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the users' Bayes classifiers from what they do over IMAP (as mox does): a COPY or MOVE
 * into the account's Junk mailbox trains those messages as spam; a MOVE out of Junk into any
 * mailbox but Trash trains them as ham. Junk is the mailbox with the RFC 6154 {@code \Junk}
 * attribute, else the one named "Junk"; Trash likewise ({@code \Trash}, "Trash"). Mail the filter
 * files into Junk at delivery trains nothing (only these IMAP commands call here).
 *
 * <p>Each message is remembered by the hash of its stored bytes ({@link BayesStore}): moved into
 * Junk twice it counts once; moved into Junk and back out, its spam lesson is taken back and it
 * counts as ham.
 *
 * <p>The IMAP command is answered first: {@link #transferred} only queues the work, which one
 * virtual thread does in order, reading each message's first {@link MessageTokens#MAX_OCTETS}
 * octets from the target mailbox. At most {@link #MAX_PER_COMMAND} messages of one command and
 * {@link #MAX_QUEUED} commands waiting are trained; beyond, and on any failure (a message
 * expunged meanwhile, store trouble), it is logged and skipped, never reported to the client.
 */
public final class BayesTraining implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BayesTraining.class);

    /** Most messages of one COPY or MOVE trained. */
    public static final int MAX_PER_COMMAND = 1000;
    /** Most commands waiting to be trained. */
    public static final int MAX_QUEUED = 1000;

    /** What a transfer teaches. */
    public enum Lesson { SPAM, HAM, NONE }

    /** The part a mailbox plays for training. */
    public enum Role { JUNK, TRASH, OTHER }

    private final BayesStore bayes;
    private final MailStore store;
    private final MimeSettings mime;
    private final ThreadPoolExecutor worker;

    private BayesTraining(BayesStore bayes, MailStore store, MimeSettings mime) {
        this.bayes = bayes;
        this.store = store;
        this.mime = mime;
        this.worker = bayes == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
                Thread.ofVirtual().name("bayes-training").factory());
    }

    /** Training into {@code bayes} from the messages of {@code store}; does nothing when the settings say off. */
    public static BayesTraining over(BayesStore bayes, MailStore store, MimeSettings mime) {
        return new BayesTraining(bayes.settings().enabled() ? bayes : null, store, mime);
    }

    /** No training. */
    public static BayesTraining off() {
        return new BayesTraining(null, null, null);
    }

    /**
     * What a COPY ({@code move} false) or MOVE from a mailbox playing {@code source} into one
     * playing {@code target} teaches: into Junk, spam; a MOVE out of Junk, ham unless into Trash.
     */
    public static Lesson lesson(boolean move, Role source, Role target) {
        if (target == Role.JUNK) return source == Role.JUNK ? Lesson.NONE : Lesson.SPAM;
        if (move && source == Role.JUNK && target == Role.OTHER) return Lesson.HAM;
        return Lesson.NONE;
    }

    /**
     * Called by COPY and MOVE after they answered: {@code targetUids} arrived in
     * {@code targetMailbox} from {@code sourceMailbox}. Returns at once; the training runs later.
     */
    public void transferred(long accountId, long sourceMailbox, long targetMailbox, List<Long> targetUids, boolean move) {
        if (worker == null || targetUids.isEmpty()) return;
        List<Long> uids = List.copyOf(targetUids.subList(0, Math.min(targetUids.size(), MAX_PER_COMMAND)));
        if (uids.size() < targetUids.size()) {
            log.info("bayes: account {}: training {} of {} messages of one command", accountId, uids.size(), targetUids.size());
        }
        try {
            worker.execute(() -> train(accountId, sourceMailbox, targetMailbox, uids, move));
        } catch (RejectedExecutionException e) {
            log.warn("bayes: account {}: training queue full or closed, {} messages not trained", accountId, uids.size());
        }
    }

    private void train(long accountId, long sourceMailbox, long targetMailbox, List<Long> uids, boolean move) {
        Lesson lesson;
        try {
            List<MailboxInfo> boxes = store.listMailboxes(accountId);
            lesson = lesson(move, role(boxes, sourceMailbox), role(boxes, targetMailbox));
        } catch (RuntimeException e) {
            log.warn("bayes: account {}: not trained: {}", accountId, e.toString());
            return;
        }
        if (lesson == Lesson.NONE) return;
        int trained = 0;
        for (long uid : uids) {
            try (SizedStream s = store.open(accountId, targetMailbox, uid)) {
                List<MessageMeta> meta = store.fetch(accountId, targetMailbox, List.of(uid));
                if (meta.isEmpty()) continue;
                byte[] head = s.in().readNBytes(MessageTokens.MAX_OCTETS);
                if (bayes.train(accountId, meta.getFirst().blobHash(), MessageTokens.of(head, mime), lesson == Lesson.SPAM)
                        != BayesStore.Trained.ALREADY) trained++;
            } catch (StoreException.NotFound e) {
                log.debug("bayes: account {}: message {} gone before training", accountId, uid);
            } catch (IOException | RuntimeException e) {
                log.warn("bayes: account {}: message {} not trained: {}", accountId, uid, e.toString());
            }
        }
        log.info("bayes: account {}: trained {} message(s) as {}", accountId, trained, lesson == Lesson.SPAM ? "spam" : "ham");
    }

    /**
     * The role of a mailbox among the account's: Junk is the {@code \Junk} one, else the one named
     * "Junk" when none has the attribute (the same choice as delivery's); Trash likewise.
     */
    static Role role(List<MailboxInfo> boxes, long mailboxId) {
        if (mailboxId == special(boxes, SpecialUse.JUNK, "Junk")) return Role.JUNK;
        if (mailboxId == special(boxes, SpecialUse.TRASH, "Trash")) return Role.TRASH;
        return Role.OTHER;
    }

    private static long special(List<MailboxInfo> boxes, SpecialUse use, String name) {
        for (MailboxInfo b : boxes) if (b.specialUse() == use) return b.id();
        for (MailboxInfo b : boxes) if (b.name().equals(name)) return b.id();
        return -1;
    }

    /** Waits a little for queued training, then stops (called before the store closes). */
    @Override
    public void close() {
        if (worker == null) return;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.surel.fulltext;

import dev.surel.fulltext.Generation.Box;
import dev.surel.fulltext.Generation.Mark;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.ChangeBus;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.StoreEvent;
import dev.surel.store.StoreException;
import dev.surel.store.UidRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the index (a platform thread, so the OS shares the CPU between it and
 * the sessions' carriers). It opens the index under its directory (a missing one, one
 * of another {@link #FORMAT}, or one that cannot be read is deleted and built anew), then loops:
 * asks for every mailbox of every account ({@link #sweep}), then takes the store's committed changes from a {@link ChangeBus#subscribeAll} subscription (never
 * inside the store's write lock), deletes expunged messages and deleted mailboxes, and brings every
 * mailbox that changed or that a SEARCH asked for up to its last UID by reading the store
 * ({@link #catchUp}, in batches of {@link #BATCH_UIDS} UIDs). Marks rise at the end of a step, after one
 * refresh made what the step wrote visible to searchers ({@link Generation}); steps that follow
 * changes are at least {@link #REFRESH_EVERY_MS} apart, gathering what arrives meanwhile. Commits (with the marks as commit data) at most every
 * {@link #COMMIT_EVERY_MS} ms while busy and as soon as it is idle; what was not committed at a
 * crash is indexed again after it. Any failure of the index discards it and builds it anew; SEARCH
 * reads the messages meanwhile. An overflowed subscription brings every known mailbox up to date.
 */
final class IndexWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexWorker.class);

    /** Changes when the documents change meaning: an index of another format is rebuilt. */
    static final String FORMAT = "surel-fts-1";
    static final String FORMAT_KEY = "format";
    static final String MARKS_KEY = "marks";
    static final int BATCH_UIDS = 500;
    static final long COMMIT_EVERY_MS = 5_000;
    /**
     * At most one searcher refresh per this many ms while changes keep coming: each refresh seals a
     * segment, and under a steady load (an APPEND every few ms) refreshing per step cost more CPU
     * than the indexing. Searches lose nothing meanwhile: UIDs above a mailbox's mark are read.
     */
    static final long REFRESH_EVERY_MS = 1_000;
    static final int EVENT_QUEUE = 100_000;

    private final Path dir;
    private final MailStore store;
    private final MimeSettings mime;
    private final Supplier<List<Long>> accounts;
    private final ChangeBus.Subscription changes;
    private final Set<Box> wanted = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Generation generation;
    private Directory directory;
    private IndexWriter writer;
    private boolean uncommitted;
    /** Documents added or deleted since searchers were last refreshed (a refresh per step, not per batch). */
    private boolean unrefreshed;
    private long lastCommit;
    private long lastRefresh;
    /** Since the open's sweep, until the first step that left nothing wanted: messages indexed, when it began (ns). */
    private long sweepIndexed = -1;
    private long sweepStarted;
    private volatile long rebuilds;
    private volatile long refreshes;
    private volatile boolean held;
    private volatile boolean holding;

    private IndexWorker(Path dir, MailStore store, MimeSettings mime, Supplier<List<Long>> accounts) {
        this.dir = dir;
        this.store = store;
        this.mime = mime;
        this.accounts = accounts;
        this.changes = store.changeBus().subscribeAll(EVENT_QUEUE);
        // a platform thread: indexing is CPU work between file writes, and a virtual thread keeps its
        // carrier while it computes (one of the two here, taken from the sessions for a whole step)
        this.thread = Thread.ofPlatform().daemon().name("full-text-index").unstarted(this::run);
    }

    /** @param accounts the ids of every account, swept at each open (what changed while no index ran) */
    static IndexWorker start(Path dir, MailStore store, MimeSettings mime, Supplier<List<Long>> accounts) {
        IndexWorker w = new IndexWorker(dir, store, mime, accounts);
        w.thread.start();
        return w;
    }

    /** The open index, or null while it is being opened or rebuilt. */
    Generation generation() {
        return generation;
    }

    /** Asks for a mailbox to be brought up to date (a SEARCH found it behind). */
    void want(Box box) {
        wanted.add(box);
    }

    /** Tests: while held, the worker takes no changes (the index lags behind the store). */
    void hold(boolean hold) {
        held = hold;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hold && !holding && System.nanoTime() < deadline) sleep(5); // the step under way ends first
    }

    /** How many times the index was built anew (not counting the first open). */
    long rebuilds() {
        return rebuilds;
    }

    /** How many times searchers were refreshed to show what steps wrote. */
    long refreshes() {
        return refreshes;
    }

    private void run() {
        boolean wipe = false;
        while (!closed) {
            try {
                if (writer == null) {
                    open(wipe);
                    wipe = false;
                }
                if (held) {
                    holding = true;
                    sleep(20);
                    continue;
                }
                holding = false;
                step();
            } catch (org.apache.lucene.store.LockObtainFailedException e) {
                // another writer holds the index (a second server on this data directory): leave its files alone
                log.warn("full-text index {} is locked by another writer ({}); trying again in 10 s", dir, e.toString());
                discard();
                sleep(10_000);
            } catch (Throwable e) {
                if (closed) break;
                log.warn("full-text index failed ({}); building it anew from the store", e.toString());
                discard();
                wipe = true;
                rebuilds++;
                sleep(1000);
            }
        }
        try {
            if (writer != null) commit();
        } catch (IOException | RuntimeException e) {
            log.warn("full-text index: last commit failed ({}); it is caught up at the next start", e.toString());
        }
        discard();
    }

    private void open(boolean wipe) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> data = Map.of();
        boolean fresh = wipe;
        if (!fresh) {
            try (Directory probe = FSDirectory.open(dir)) {
                if (DirectoryReader.indexExists(probe)) {
                    data = SegmentInfos.readLatestCommit(probe).getUserData();
                    if (!FORMAT.equals(data.get(FORMAT_KEY))) {
                        log.info("full-text index {} is of format {} (not {}): building it anew", dir, data.get(FORMAT_KEY), FORMAT);
                        fresh = true;
                    }
                } else {
                    fresh = true;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("full-text index {} cannot be read ({}): building it anew", dir, e.toString());
                fresh = true;
            }
        }
        if (fresh) deleteContents(dir);
        directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                .setCommitOnClose(false).setRAMBufferSizeMB(32);
        writer = new IndexWriter(directory, config);
        Generation gen = new Generation(new SearcherManager(writer, null));
        if (!fresh) gen.decodeMarks(data.get(MARKS_KEY));
        generation = gen;
        uncommitted = fresh;
        commit();
        sweepIndexed = 0;
        sweepStarted = System.nanoTime();
        sweep();
    }

    /**
     * Asks for every mailbox of every account: a new index is built from the store by itself, and
     * an old one catches up with what was stored while it was closed (by the command line, or
     * before a crash it had not committed). Up-to-date mailboxes cost one read each.
     */
    private void sweep() {
        try {
            for (long account : accounts.get()) {
                for (MailboxInfo m : store.listMailboxes(account)) wanted.add(new Box(account, m.id()));
            }
        } catch (RuntimeException e) {
            log.warn("full-text index: cannot list the mailboxes to index ({}); they are indexed when searched or changed", e.toString());
        }
    }

    private void step() throws IOException, InterruptedException {
        List<StoreEvent> events = new ArrayList<>();
        StoreEvent first = changes.poll(250, TimeUnit.MILLISECONDS);
        if (first != null) events.add(first);
        long wait = lastRefresh + REFRESH_EVERY_MS - System.currentTimeMillis();
        if (wait > 0 && (first != null || !wanted.isEmpty())) pause(wait); // gather what comes meanwhile: one step, one segment
        events.addAll(changes.drain());
        Generation gen = generation;
        Set<Box> dirty = new LinkedHashSet<>();
        for (StoreEvent e : events) {
            switch (e) {
                case StoreEvent.MessageAdded a -> dirty.add(new Box(a.accountId(), a.mailboxId()));
                case StoreEvent.MessagesExpunged x -> {
                    Term[] ids = new Term[x.uids().size()];
                    for (int i = 0; i < ids.length; i++) ids[i] = MessageDocument.idTerm(x.accountId(), x.mailboxId(), x.uids().get(i));
                    writer.deleteDocuments(ids);
                    uncommitted = true;
                    unrefreshed = true;
                }
                case StoreEvent.MailboxDeleted d -> drop(gen, new Box(d.accountId(), d.mailboxId()));
                case StoreEvent.FlagsChanged f -> { }
                case StoreEvent.MailboxCreated c -> { }
                case StoreEvent.MailboxRenamed r -> { }
                case StoreEvent.SubscriptionsChanged s -> { }
            }
        }
        if (changes.overflowed()) {
            changes.resetOverflow();
            dirty.addAll(gen.marks().keySet());
        }
        for (Box b : List.copyOf(wanted)) {
            wanted.remove(b);
            dirty.add(b);
        }
        Map<Box, Mark> raised = new java.util.LinkedHashMap<>();
        for (Box b : dirty) {
            if (closed) return;
            catchUp(gen, b, raised);
        }
        // one refresh per step (reopening the searcher per mailbox and batch made a small segment
        // per APPEND and cost more CPU than the indexing itself under the kit's mixed load)
        if (unrefreshed) {
            gen.searchers().maybeRefreshBlocking(); // what this step wrote (additions, deletions) is visible to searchers ...
            unrefreshed = false;
            lastRefresh = System.currentTimeMillis();
            refreshes++;
        }
        gen.marks().putAll(raised); // ... before the marks promise it
        if (uncommitted && (events.isEmpty() || System.currentTimeMillis() - lastCommit >= COMMIT_EVERY_MS)) commit();
        if (sweepIndexed >= 0 && wanted.isEmpty()) { // one line per open: operators (and the bench kit) see when it is ready
            log.info("full-text index caught up with the store: {} messages indexed in {} ms",
                    sweepIndexed, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sweepStarted));
            sweepIndexed = -1;
        }
    }

    /**
     * Indexes the mailbox's messages above its mark, in UID order, batch by batch; the new mark goes
     * into {@code raised}, set by the caller once the documents are visible to searchers.
     */
    private void catchUp(Generation gen, Box box, Map<Box, Mark> raised) throws IOException {
        MailboxInfo info;
        try {
            info = store.mailbox(box.accountId(), box.mailboxId());
        } catch (StoreException.NotFound e) {
            drop(gen, box);
            return;
        }
        Mark mark = gen.marks().get(box);
        if (mark != null && mark.uidValidity() != info.uidValidity()) {
            drop(gen, box);
            mark = null;
        }
        if (mark == null) mark = new Mark(info.uidValidity(), 0);
        long top = info.uidNext() - 1; // every UID below uidNext is committed (allocated and inserted in one transaction)
        while (mark.upTo() < top && !closed) {
            long last = Math.min(top, mark.upTo() + BATCH_UIDS);
            List<MessageMeta> metas;
            Map<Long, MessageStructure> structures;
            try {
                metas = store.messages(box.accountId(), box.mailboxId(), new UidRange(mark.upTo() + 1, last));
                structures = metas.isEmpty() ? Map.of()
                        : store.structures(box.accountId(), box.mailboxId(), metas.stream().map(MessageMeta::uid).toList());
            } catch (StoreException.NotFound e) {
                drop(gen, box);
                return;
            }
            for (MessageMeta m : metas) {
                MessageStructure s = structures.get(m.uid());
                if (s == null) continue; // expunged and purged meanwhile: nothing to search
                writer.updateDocument(MessageDocument.idTerm(box.accountId(), box.mailboxId(), m.uid()),
                        MessageDocument.of(store, mime, box.accountId(), box.mailboxId(), m.uid(), s));
                if (sweepIndexed >= 0) sweepIndexed++;
            }
            mark = new Mark(info.uidValidity(), last);
            uncommitted = true;
            unrefreshed = true;
        }
        raised.put(box, mark);
    }

    private void drop(Generation gen, Box box) throws IOException {
        gen.marks().remove(box);
        writer.deleteDocuments(new Term(MessageDocument.MAILBOX, MessageDocument.mailboxKey(box.accountId(), box.mailboxId())));
        uncommitted = true;
        unrefreshed = true;
    }

    private void commit() throws IOException {
        if (!uncommitted) return;
        Generation gen = generation;
        writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT, MARKS_KEY, gen.encodeMarks()).entrySet());
        writer.commit();
        uncommitted = false;
        lastCommit = System.currentTimeMillis();
    }

    /** Closes the index without committing; searches fall back to reading messages until it is open again. */
    private void discard() {
        Generation gen = generation;
        generation = null;
        try {
            if (gen != null) gen.searchers().close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing full-text searchers: {}", e.toString());
        }
        try {
            if (writer != null) writer.rollback();
        } catch (IOException | RuntimeException e) {
            log.debug("closing full-text writer: {}", e.toString());
        }
        try {
            if (directory != null) directory.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing full-text directory: {}", e.toString());
        }
        writer = null;
        directory = null;
    }

    private static void deleteContents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.deleteIfExists(p);
            }
        }
    }

    /** Sleeps up to {@code ms}, waking early on close or hold. */
    private void pause(long ms) {
        long end = System.currentTimeMillis() + ms;
        for (long left = ms; left > 0 && !closed && !held; left = end - System.currentTimeMillis()) sleep(Math.min(left, 50));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        changes.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

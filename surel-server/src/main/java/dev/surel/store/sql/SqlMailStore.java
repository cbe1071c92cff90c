package dev.surel.store.sql;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.Appended;
import dev.surel.store.ChangeBus;
import dev.surel.store.Changes;
import dev.surel.store.CheckReport;
import dev.surel.store.CopyResult;
import dev.surel.store.Expunged;
import dev.surel.store.FlagOp;
import dev.surel.store.FlagUpdate;
import dev.surel.store.Flags;
import dev.surel.store.GcReport;
import dev.surel.store.InTransaction;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageItems;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.Quota;
import dev.surel.store.SeenAndExpunge;
import dev.surel.store.SessionLease;
import dev.surel.store.SizedStream;
import dev.surel.store.SpecialUse;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreEvent;
import dev.surel.store.StoreException;
import dev.surel.store.StoreSettings;
import dev.surel.store.StoreSnapshot;
import dev.surel.store.StoreTotals;
import dev.surel.store.StoreTransaction;
import dev.surel.store.UidRange;
import dev.surel.store.blob.BlobStore;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL {@link MailStore}: metadata in a {@link Database}, bytes in a {@link BlobStore}.
 * Opening: {@link #open(Path, StoreSettings, Clock)} uses {@code <dataDir>/surel.db} and
 * {@code <dataDir>/blobs}. Each write runs in one {@link Database#write} transaction; its
 * events are published on the {@link ChangeBus} after the commit, in commit order, without I/O.
 * Message bytes are spooled (canonicalised, hashed, fsynced) before the write lock is taken.
 */
public final class SqlMailStore implements MailStore {
    private static final Logger log = LoggerFactory.getLogger(SqlMailStore.class);

    private final Database db;
    private final boolean ownsDatabase;
    private final BlobStore blobs;
    private final StoreSettings settings;
    private final ChangeBus bus;
    private final Leases leases;
    private final SqlMailboxes mailboxes;
    private final SqlMessages messages;
    private final MessageStructures structures;
    private final SqlFlags flags = new SqlFlags();
    private final MailboxIndexes indexes;
    private final SqlGarbageCollector gc;
    private final StoreChecker checker;
    private final ScheduledExecutorService scheduler;
    /** Snapshots open for backups: while above 0 the collector deletes no blob file (changed under the write lock). */
    private final java.util.concurrent.atomic.AtomicInteger snapshots = new java.util.concurrent.atomic.AtomicInteger();

    /** A store over an existing database (shared with other components) and blob directory. */
    public SqlMailStore(Database db, BlobStore blobs, StoreSettings settings, Clock clock) {
        this(db, false, blobs, settings, MimeSettings.defaults(), clock);
    }

    /** As above, with the MIME parser's limits ({@code [mime]}) for the stored messages' structure. */
    public SqlMailStore(Database db, BlobStore blobs, StoreSettings settings, MimeSettings mime, Clock clock) {
        this(db, false, blobs, settings, mime, clock);
    }

    private SqlMailStore(Database db, boolean ownsDatabase, BlobStore blobs, StoreSettings settings, MimeSettings mime, Clock clock) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.blobs = blobs;
        this.settings = settings;
        this.bus = new ChangeBus(settings.eventQueue());
        this.indexes = new MailboxIndexes(MailboxIndexes.BUDGET_BYTES, clock::millis);
        this.leases = new Leases(clock);
        this.mailboxes = new SqlMailboxes(clock);
        this.messages = new SqlMessages(blobs, settings, clock);
        this.structures = new MessageStructures(mime);
        this.gc = new SqlGarbageCollector(db, blobs, settings, clock, leases, () -> snapshots.get() > 0);
        this.checker = new StoreChecker(db, blobs);
        if (settings.gcInterval().isZero()) {
            this.scheduler = null;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("store-gc").factory());
            long ms = settings.gcInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::gcQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens (creating if needed) {@code <dataDir>/surel.db} and {@code <dataDir>/blobs}; close() closes both. */
    public static SqlMailStore open(Path dataDir, StoreSettings settings, Clock clock) {
        Database db = Database.openSqlite(dataDir.resolve("surel.db"), settings.readConnections());
        return new SqlMailStore(db, true, new BlobStore(dataDir.resolve("blobs")), settings, MimeSettings.defaults(), clock);
    }

    public Database database() { return db; }

    /** The in-memory mailbox indexes (for tests). */
    MailboxIndexes indexes() { return indexes; }

    public BlobStore blobStore() { return blobs; }

    private void gcQuietly() {
        try {
            GcReport r = gc();
            log.info("store gc: {} tombstones purged, {} blobs deleted, {} temp files removed",
                    r.tombstonesPurged(), r.blobsDeleted(), r.tempFilesDeleted());
        } catch (RuntimeException e) {
            log.error("store gc failed", e);
        }
    }

    /** A write transaction whose events are published after the commit, in commit order. */
    private interface EventTx<T> {
        T run(Connection c, List<StoreEvent> events) throws SQLException;
    }

    private <T> T write(EventTx<T> body) {
        List<StoreEvent> events = new ArrayList<>();
        return db.write(c -> {
            events.clear();
            return Outcome.of(body.run(c, events), events);
        }, outcome -> {
            indexes.apply(outcome.events()); // before publishing: a session that hears of a change finds it in the index
            bus.publish(outcome.events());
        }).value();
    }

    /** Another component's work in this write transaction; its failure fails the transaction. */
    private static void runAlso(InTransaction work, Connection c) throws SQLException {
        try {
            work.run(new SqlTransaction(c));
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("work in the store's transaction failed: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------ accounts

    @Override
    public void initializeAccount(StoreTransaction tx, long accountId) {
        if (!db.inWrite()) throw new IllegalStateException("initializeAccount must run inside this store's Database.write");
        try {
            mailboxes.initializeAccount(SqlTransaction.connection(tx), accountId);
        } catch (SQLException e) {
            throw new Database.StorageException(e);
        }
    }

    @Override
    public void deleteAccountData(StoreTransaction tx, long accountId) {
        if (!db.inWrite()) throw new IllegalStateException("deleteAccountData must run inside this store's Database.write");
        indexes.dropAccount(accountId); // its deletion publishes no events: its indexes go now, and are not loaded again
        try {
            mailboxes.deleteAccountData(SqlTransaction.connection(tx), accountId);
        } catch (SQLException e) {
            throw new Database.StorageException(e);
        }
    }

    @Override
    public Quota quota(long accountId) {
        return db.read(c -> AccountRows.quota(c, accountId, settings));
    }

    @Override
    public SessionLease openSession(long accountId) {
        return leases.open(accountId);
    }

    @Override
    public ChangeBus changeBus() {
        return bus;
    }

    // ------------------------------------------------------------ mailboxes

    @Override
    public MailboxInfo createMailbox(long accountId, String name, SpecialUse specialUse) {
        return write((c, ev) -> mailboxes.create(c, accountId, name, specialUse, ev));
    }

    @Override
    public void deleteMailbox(long accountId, String name) {
        write((c, ev) -> {
            mailboxes.delete(c, accountId, name, ev);
            return null;
        });
    }

    @Override
    public MailboxInfo renameMailbox(long accountId, String from, String to) {
        return write((c, ev) -> mailboxes.rename(c, accountId, from, to, messages, ev));
    }

    @Override
    public List<MailboxInfo> listMailboxes(long accountId) {
        return db.read(c -> MailboxRows.all(c, accountId));
    }

    @Override
    public MailboxInfo mailbox(long accountId, String name) {
        String n = MailboxNames.normalise(name);
        return db.read(c -> MailboxRows.requireByName(c, accountId, n));
    }

    @Override
    public MailboxInfo mailbox(long accountId, long mailboxId) {
        return db.read(c -> MailboxRows.requireById(c, accountId, mailboxId));
    }

    // ------------------------------------------------------------ subscriptions

    @Override
    public void subscribe(long accountId, String name) {
        write((c, ev) -> {
            mailboxes.subscribe(c, accountId, name);
            ev.add(new StoreEvent.SubscriptionsChanged(accountId));
            return null;
        });
    }

    @Override
    public void unsubscribe(long accountId, String name) {
        write((c, ev) -> {
            mailboxes.unsubscribe(c, accountId, name);
            ev.add(new StoreEvent.SubscriptionsChanged(accountId));
            return null;
        });
    }

    @Override
    public List<String> subscriptions(long accountId) {
        return db.read(c -> mailboxes.subscriptions(c, accountId));
    }

    // ------------------------------------------------------------ messages

    @Override
    public Appended append(long accountId, long mailboxId, NewMessage message) {
        return appendAll(accountId, mailboxId, List.of(message)).getFirst();
    }

    @Override
    public List<Appended> appendAll(long accountId, long mailboxId, List<NewMessage> newMessages) {
        if (newMessages.isEmpty()) return List.of();
        List<SpooledMessage> spooled = new ArrayList<>();
        List<SpooledMessage> ours = new ArrayList<>();
        try {
            for (NewMessage m : newMessages) {
                if (m.spooled() != null) {
                    spooled.add(m.spooled());
                } else {
                    SpooledMessage s = spool(m.content());
                    ours.add(s);
                    spooled.add(s);
                }
            }
            // rename + directory fsync before the lock, so concurrent appends' directory syncs
            // overlap instead of queueing behind the single writer; commit() under the lock only
            // re-checks each file (docs/durability.md: still renamed and synced before the commit)
            placeAll(spooled);
            return write((c, ev) -> messages.append(c, accountId, mailboxId, newMessages, spooled, ev));
        } finally {
            for (SpooledMessage s : ours) s.close();
        }
    }

    /**
     * Places several blobs at once: each rename and directory fsync runs on its own virtual thread
     * (at most {@link #PLACE_PARALLELISM} at a time), so a batch (MULTIAPPEND, an import) pays for
     * about one round of syncs instead of one per message; the first failure is thrown once all
     * are done.
     */
    private void placeAll(List<SpooledMessage> all) {
        // one spooled message may stand for many copies in the batch: place each once
        java.util.Set<SpooledMessage> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<SpooledMessage> spooled = all.stream().filter(distinct::add).toList();
        if (spooled.size() == 1) {
            blobs.place(spooled.getFirst());
            return;
        }
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(PLACE_PARALLELISM);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (SpooledMessage s : spooled) {
                slots.acquireUninterruptibly();
                done.add(threads.submit(() -> {
                    try {
                        blobs.place(s);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        for (java.util.concurrent.Future<?> f : done) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error er) throw er;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while placing blobs", e);
            }
        }
    }

    /** Blobs placed at once by {@link #placeAll}. */
    private static final int PLACE_PARALLELISM = 16;

    @Override
    public Appended appendWith(long accountId, long mailboxId, NewMessage message, InTransaction alsoInTx) {
        return fileAll(accountId, List.of(new dev.surel.store.Filing(mailboxId, message)), alsoInTx).getFirst();
    }

    @Override
    public List<Appended> fileAll(long accountId, List<dev.surel.store.Filing> filings, InTransaction alsoInTx) {
        List<SpooledMessage> spooled = new ArrayList<>();
        List<SpooledMessage> ours = new ArrayList<>();
        try {
            for (dev.surel.store.Filing f : filings) {
                SpooledMessage s = f.message().spooled();
                if (s == null) {
                    s = spool(f.message().content());
                    ours.add(s);
                }
                spooled.add(s);
            }
            // rename + directory fsync outside the lock (one copy filed twice is placed once); commit() under it re-checks
            placeAll(spooled);
            return write((c, ev) -> {
                List<Appended> out = new ArrayList<>();
                for (int i = 0; i < filings.size(); i++) {
                    dev.surel.store.Filing f = filings.get(i);
                    out.addAll(messages.append(c, accountId, f.mailboxId(), List.of(f.message()), List.of(spooled.get(i)), ev));
                }
                runAlso(alsoInTx, c);
                return out;
            });
        } finally {
            for (SpooledMessage s : ours) s.close();
        }
    }

    @Override
    public SpooledMessage spool(java.io.InputStream in) {
        return spool(in, true);
    }

    @Override
    public SpooledMessage spoolExact(java.io.InputStream in) {
        return spool(in, false);
    }

    private SpooledMessage spool(java.io.InputStream in, boolean canonical) {
        try {
            SpooledMessage s = blobs.spool(in, settings.maxMessageSize(), canonical);
            try {
                MessageStructures.Computed computed = structures.encode(s::open);
                s.attachStructure(computed.structure());
                s.attachItems(computed.items());
            } catch (StoreException.BadMessage e) {
                s.close(); // a header over the parser's limits: refused, the temp file goes
                throw e;
            }
            return s;
        } catch (BlobStore.TooLarge e) {
            throw new StoreException.BadMessage(e.getMessage());
        }
    }

    @Override
    public void requireSpace(long bytes) {
        if (settings.minFreeSpace() == 0) return;
        long free = dev.surel.store.WriteFailures.usableSpace(blobs.root());
        if (free - Math.max(0, bytes) < settings.minFreeSpace()) {
            throw new StoreException.Unavailable(StoreException.Unavailable.Reason.DISK_FULL,
                    free + " bytes free, " + settings.minFreeSpace() + " kept in reserve (store.min_free_space)");
        }
    }

    @Override
    public List<MessageMeta> messages(long accountId, long mailboxId, UidRange range) {
        // reading a whole mailbox (SELECT, a POP3 maildrop) loads its index; other reads use it when loaded
        MailboxIndex index = range.equals(UidRange.ALL)
                ? indexes.load(accountId, mailboxId, () -> db.read(c -> messages.list(c, accountId, mailboxId, range)))
                : indexes.get(accountId, mailboxId);
        if (index != null) return index.range(range.first(), range.last());
        return db.read(c -> messages.list(c, accountId, mailboxId, range));
    }

    @Override
    public dev.surel.store.MessageList list(long accountId, long mailboxId) {
        MailboxIndex index = indexes.load(accountId, mailboxId, () -> db.read(c -> messages.list(c, accountId, mailboxId, UidRange.ALL)));
        if (index != null) return index.list();
        return dev.surel.store.MessageList.of(db.read(c -> messages.list(c, accountId, mailboxId, UidRange.ALL)));
    }

    @Override
    public List<MessageMeta> fetch(long accountId, long mailboxId, Collection<Long> uids) {
        MailboxIndex index = indexes.get(accountId, mailboxId);
        if (index != null) return index.fetch(uids);
        return db.read(c -> messages.fetch(c, accountId, mailboxId, uids));
    }

    @Override
    public FlagUpdate updateFlags(long accountId, long mailboxId, Collection<Long> uids, FlagOp op, Flags newFlags, long unchangedSince) {
        return write((c, ev) -> flags.update(c, accountId, mailboxId, uids, op, newFlags, unchangedSince, messages, ev));
    }

    @Override
    public Expunged expunge(long accountId, long mailboxId, Collection<Long> uids) {
        return write((c, ev) -> messages.expunge(c, accountId, mailboxId, uids, ev));
    }

    @Override
    public void markSeenAndExpunge(long accountId, List<SeenAndExpunge> changes, InTransaction alsoInTx) {
        write((c, ev) -> {
            for (dev.surel.store.SeenAndExpunge ch : changes) {
                MailboxRows.requireById(c, accountId, ch.mailboxId());
                if (!ch.markSeen().isEmpty()) {
                    flags.update(c, accountId, ch.mailboxId(), ch.markSeen(), FlagOp.ADD, Flags.of(dev.surel.store.Flag.SEEN), -1, messages, ev);
                }
                if (!ch.expunge().isEmpty()) {
                    flags.update(c, accountId, ch.mailboxId(), ch.expunge(), FlagOp.ADD, Flags.of(dev.surel.store.Flag.DELETED), -1, messages, ev);
                    messages.expunge(c, accountId, ch.mailboxId(), ch.expunge(), ev);
                }
            }
            runAlso(alsoInTx, c);
            return null;
        });
    }

    @Override
    public CopyResult copy(long accountId, long sourceMailboxId, Collection<Long> uids, long targetMailboxId) {
        return write((c, ev) -> messages.copyOrMove(c, accountId, sourceMailboxId, uids, targetMailboxId, false, ev));
    }

    @Override
    public CopyResult move(long accountId, long sourceMailboxId, Collection<Long> uids, long targetMailboxId) {
        return write((c, ev) -> messages.copyOrMove(c, accountId, sourceMailboxId, uids, targetMailboxId, true, ev));
    }

    @Override
    public SizedStream open(long accountId, long mailboxId, long uid) {
        String hash = db.read(c -> messages.blobOf(c, accountId, mailboxId, uid));
        try {
            return blobs.open(hash);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("blob of message " + uid + " missing: store damaged", e);
        }
    }

    @Override
    public SizedStream openContent(String blobHash) {
        try {
            return blobs.open(blobHash);
        } catch (NoSuchFileException e) {
            throw new StoreException.NotFound("blob " + blobHash);
        }
    }

    @Override
    public SizedStream openContent(String blobHash, long size) {
        try {
            return blobs.open(blobHash, size);
        } catch (NoSuchFileException e) {
            throw new StoreException.NotFound("blob " + blobHash);
        }
    }

    @Override
    public MessageStructure structure(long accountId, long mailboxId, long uid) {
        SqlMessages.BlobRef ref = db.read(c -> messages.blobWithStructure(c, accountId, mailboxId, uid));
        return structureOf(uid, ref);
    }

    @Override
    public java.util.Map<Long, MessageStructure> structures(long accountId, long mailboxId, Collection<Long> uids) {
        java.util.Map<Long, SqlMessages.BlobRef> refs = db.read(c -> messages.blobsWithStructure(c, accountId, mailboxId, uids));
        java.util.Map<Long, MessageStructure> out = new java.util.HashMap<>();
        for (var e : refs.entrySet()) out.put(e.getKey(), structureOf(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public java.util.Map<Long, dev.surel.protocol.mime.HeaderFields> headers(long accountId, long mailboxId, Collection<Long> uids) {
        java.util.Map<Long, SqlMessages.BlobRef> refs = db.read(c -> messages.blobsWithStructure(c, accountId, mailboxId, uids));
        java.util.Map<Long, dev.surel.protocol.mime.HeaderFields> out = new java.util.HashMap<>();
        for (var e : refs.entrySet()) {
            dev.surel.protocol.mime.HeaderFields h = structures.decodeHeader(e.getValue().structure());
            out.put(e.getKey(), h != null ? h : structureOf(e.getKey(), e.getValue()).header());
        }
        return out;
    }

    @Override
    public java.util.Map<Long, MessageItems> items(long accountId, long mailboxId, Collection<Long> uids,
                                                   java.util.Set<MessageItems.Part> parts) {
        java.util.Map<Long, String> missing = new java.util.HashMap<>();
        java.util.Map<Long, MessageItems> out = db.read(c -> messages.itemsOf(c, accountId, mailboxId, uids, parts, missing));
        itemsRead.add(out.size() + missing.size());
        if (!missing.isEmpty()) out.putAll(computeItems(accountId, mailboxId, missing));
        return out;
    }

    /**
     * Items of content stored before V15 (or rendered by another version): computed from the
     * structure once, stored for every later reader (one write for the chunk). A failed write
     * only means the next reader computes them again.
     */
    private java.util.Map<Long, MessageItems> computeItems(long accountId, long mailboxId, java.util.Map<Long, String> hashes) {
        java.util.Map<String, Long> oneUidPerBlob = new java.util.HashMap<>(); // copies share a blob: decoded once
        for (var e : new java.util.TreeMap<>(hashes).entrySet()) oneUidPerBlob.putIfAbsent(e.getValue(), e.getKey());
        java.util.Map<String, MessageItems> byHash = new java.util.HashMap<>();
        for (var e : structures(accountId, mailboxId, oneUidPerBlob.values()).entrySet()) {
            byHash.put(hashes.get(e.getKey()), structures.items(e.getValue()));
        }
        java.util.Map<Long, MessageItems> out = new java.util.HashMap<>();
        for (long uid : hashes.keySet()) {
            MessageItems items = byHash.get(hashes.get(uid));
            if (items != null) out.put(uid, items);
        }
        try {
            db.write(c -> {
                for (var e : byHash.entrySet()) MessageRows.upsertItems(c, e.getKey(), e.getValue());
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("cannot store the IMAP items of {} messages now (computed again on next use): {}", byHash.size(), e.toString());
        }
        return out;
    }

    /**
     * How many stored MIME structures this store has decoded (or parsed from the bytes) to answer
     * readers since it opened: FETCH ENVELOPE/BODYSTRUCTURE and SEARCH on address/subject keys of
     * messages with items decode none (what tests count).
     */
    public long structuresDecoded() {
        return structures.decoded();
    }

    private final java.util.concurrent.atomic.LongAdder itemsRead = new java.util.concurrent.atomic.LongAdder();

    /** Messages whose stored items {@link #items} has read so far (tests of the callers' caches). */
    public long itemsRead() {
        return itemsRead.sum();
    }

    /** The decoded stored structure, or (none stored, or unreadable) parsed from the bytes and stored. */
    private MessageStructure structureOf(long uid, SqlMessages.BlobRef ref) {
        MessageStructure stored = structures.decode(ref.structure());
        if (stored != null) return stored;
        MessageStructure parsed;
        try (java.io.InputStream in = blobs.open(ref.hash()).in()) {
            parsed = structures.parse(in);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("blob of message " + uid + " unreadable: " + e.getMessage(), e);
        }
        byte[] encoded = dev.surel.protocol.mime.StructureCodec.encode(parsed);
        db.write(c -> Sql.update(c, "UPDATE blobs SET structure = ? WHERE hash = ?", encoded, ref.hash()));
        return parsed;
    }

    @Override
    public long claimRecent(long accountId, long mailboxId, long uid) {
        return write((c, ev) -> {
            long before = MailboxRows.requireById(c, accountId, mailboxId).firstRecentUid();
            if (uid > before) Sql.update(c, "UPDATE mailboxes SET first_recent_uid = ? WHERE id = ?", uid, mailboxId);
            return before;
        });
    }

    @Override
    public long countFrom(long accountId, long mailboxId, long fromUid) {
        MailboxIndex index = indexes.get(accountId, mailboxId);
        if (index != null) return index.countFrom(fromUid);
        return db.read(c -> {
            MailboxRows.requireById(c, accountId, mailboxId);
            return Sql.queryLong(c, 0, "SELECT count(*) FROM messages WHERE mailbox_id = ? AND uid >= ? AND expunged_at IS NULL",
                    mailboxId, fromUid);
        });
    }

    @Override
    public Changes changesSince(long accountId, long mailboxId, long sinceModseq) {
        return db.read(c -> messages.changesSince(c, accountId, mailboxId, sinceModseq));
    }

    // ------------------------------------------------------------ maintenance

    @Override
    public GcReport gc() {
        return gc.run();
    }

    @Override
    public StoreTotals totals() {
        return db.read(AccountRows::totals);
    }

    @Override
    public CheckReport check() {
        return checker.check();
    }

    /**
     * The collector's deletions are held off first, in a write transaction: a collection
     * either committed before it (the copy sees its result) or runs after it and deletes
     * nothing, so no blob the copy references is deleted before {@link StoreSnapshot#close}.
     */
    @Override
    public StoreSnapshot snapshot(Path databaseCopy) {
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            db.write(c -> held.compareAndSet(false, true) ? snapshots.incrementAndGet() : 0);
        } catch (RuntimeException e) { // the (empty) transaction failed: the hold must not outlive it
            if (held.get()) snapshots.decrementAndGet();
            throw e;
        }
        return SqlSnapshot.take(db, blobs, databaseCopy, snapshots::decrementAndGet);
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
        if (ownsDatabase) db.close();
    }
}

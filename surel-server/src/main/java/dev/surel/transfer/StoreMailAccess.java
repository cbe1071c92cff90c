package dev.surel.transfer;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.store.Appended;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.SizedStream;
import dev.surel.store.SpecialUse;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import dev.surel.store.UidRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link MailAccess} on the mail store of one account: used by the CLI when no server runs, and
 * by a running server for the admin channel's {@code transfer} requests. Appends go through the
 * store's API (spool, then {@link MailStore#appendAll} with flags and internal date), so quota,
 * size limits, change notifications and durability are the store's own.
 */
public final class StoreMailAccess implements MailAccess {

    /** Structures are read in chunks of this many UIDs (the store's advice: a few hundred). */
    private static final int CHUNK = 500;

    private final MailStore store;
    private final long accountId;

    public StoreMailAccess(MailStore store, long accountId) {
        this.store = store;
        this.accountId = accountId;
    }

    @Override
    public List<FolderInfo> folders() {
        return store.listMailboxes(accountId).stream()
                .map(m -> new FolderInfo(m.name(), m.specialUse(), m.messages()))
                .toList();
    }

    @Override
    public List<MessageKey> keys(String folder) {
        MailboxInfo box;
        try {
            box = store.mailbox(accountId, folder);
        } catch (StoreException.NotFound e) {
            return List.of();
        }
        List<MessageMeta> all = store.messages(accountId, box.id(), UidRange.ALL);
        List<MessageKey> keys = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<MessageMeta> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            Map<Long, MessageStructure> structures = store.structures(accountId, box.id(),
                    chunk.stream().map(MessageMeta::uid).toList());
            for (MessageMeta m : chunk) {
                MessageStructure s = structures.get(m.uid());
                keys.add(MessageKey.of(m.internalDate(), m.size(), s == null ? null : s.envelope().messageId()));
            }
        }
        return keys;
    }

    @Override
    public void ensureFolder(String folder, SpecialUse specialUse) {
        try {
            store.mailbox(accountId, folder);
            return;
        } catch (StoreException.NotFound e) {
            // create it below
        }
        try {
            store.createMailbox(accountId, folder, specialUse);
        } catch (StoreException.AlreadyExists e) {
            return; // created meanwhile (an IMAP client of a running server)
        }
        store.subscribe(accountId, folder);
    }

    @Override
    public AppendResult append(String folder, boolean exact, List<Staged> batch) {
        long box = store.mailbox(accountId, folder).id();
        try (Spooler spooler = new Spooler(exact)) {
            for (Staged m : batch) spooler.submit(() -> Files.newInputStream(m.file()), m.flags(), m.internalDate());
            return spooler.appendTo(box);
        }
    }

    /**
     * {@link #append} of a batch in {@link BatchFormat} (the admin channel's {@code transfer
     * append}): each message is spooled into the store as it arrives (one of up to
     * {@link #IN_MEMORY} octets on a thread of its own, so that their fsyncs overlap), so the batch
     * never is in memory.
     */
    public AppendResult appendFrames(String folder, boolean exact, InputStream frames) throws IOException {
        long box = store.mailbox(accountId, folder).id();
        try (Spooler spooler = new Spooler(exact)) {
            BatchFormat.read(frames, 0, (uid, flags, date, size, bytes) -> {
                if (size <= IN_MEMORY) {
                    byte[] b = bytes.readAllBytes();
                    spooler.submit(() -> new java.io.ByteArrayInputStream(b), flags, date);
                } else {
                    spooler.inline(bytes, flags, date);
                }
            });
            return spooler.appendTo(box);
        }
    }

    /** Frames up to this size are read into memory and spooled on a thread of their own. */
    private static final int IN_MEMORY = 1 << 20;
    /** Messages spooled at once (each spool ends with an fsync). */
    private static final int SPOOL_PARALLELISM = 16;

    /** Opens a message's octets. */
    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Spools the messages of one batch, up to {@link #SPOOL_PARALLELISM} at once on virtual
     * threads (their fsyncs overlap), and appends them in the order given. Closing it deletes the
     * temp files of whatever was not appended.
     */
    private final class Spooler implements AutoCloseable {
        private final boolean exact;
        private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(SPOOL_PARALLELISM);
        private final List<java.util.concurrent.Future<SpooledMessage>> results = new ArrayList<>();
        private final List<dev.surel.store.Flags> flags = new ArrayList<>();
        private final List<java.time.OffsetDateTime> dates = new ArrayList<>();
        private final List<SpooledMessage> blobs = new ArrayList<>();

        Spooler(boolean exact) {
            this.exact = exact;
        }

        private SpooledMessage spool(InputStream in) {
            return exact ? store.spoolExact(in) : store.spool(in);
        }

        void submit(Opener opener, dev.surel.store.Flags f, java.time.OffsetDateTime date) {
            slots.acquireUninterruptibly();
            flags.add(f);
            dates.add(date);
            results.add(threads.submit(() -> {
                try (InputStream in = opener.open()) {
                    return spool(in);
                } finally {
                    slots.release();
                }
            }));
        }

        void inline(InputStream in, dev.surel.store.Flags f, java.time.OffsetDateTime date) {
            flags.add(f);
            dates.add(date);
            java.util.concurrent.CompletableFuture<SpooledMessage> r = new java.util.concurrent.CompletableFuture<>();
            try {
                r.complete(spool(in));
            } catch (RuntimeException e) {
                r.completeExceptionally(e);
            }
            results.add(r);
        }

        AppendResult appendTo(long box) {
            List<String> refused = new ArrayList<>();
            List<NewMessage> messages = new ArrayList<>();
            RuntimeException failure = null;
            for (int i = 0; i < results.size(); i++) {
                try {
                    SpooledMessage b = results.get(i).get();
                    blobs.add(b);
                    messages.add(new NewMessage(b, flags.get(i), dates.get(i)));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof StoreException.BadMessage bad) refused.add(i + " " + bad.getMessage());
                    else if (failure == null) failure = e.getCause() instanceof RuntimeException r ? r : new UncheckedIOException(
                            e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while spooling", e);
                }
            }
            if (failure != null) throw failure;
            return appendSpooled(box, messages, refused);
        }

        @Override
        public void close() {
            threads.close();
            for (java.util.concurrent.Future<SpooledMessage> f : results) {
                if (f.state() == java.util.concurrent.Future.State.SUCCESS && !blobs.contains(f.resultNow())) blobs.add(f.resultNow());
            }
            for (SpooledMessage b : blobs) b.close();
        }
    }

    private AppendResult appendSpooled(long box, List<NewMessage> messages, List<String> refused) {
        if (messages.isEmpty()) return new AppendResult(0, refused, null);
        try {
            List<Appended> done = store.appendAll(accountId, box, messages);
            return new AppendResult(done.size(), refused, null);
        } catch (StoreException.OverQuota e) {
            int n = 0;
            for (NewMessage m : messages) { // as many as fit, in order
                try {
                    store.append(accountId, box, m);
                    n++;
                } catch (StoreException.OverQuota full) {
                    return new AppendResult(n, refused, full.getMessage());
                }
            }
            return new AppendResult(n, refused, null);
        } catch (StoreException.Unavailable e) {
            return new AppendResult(0, refused, e.getMessage());
        }
    }

    @Override
    public int read(String folder, long afterUid, int maxMessages, long maxBytes, MessageSink sink) throws IOException {
        MailboxInfo box = store.mailbox(accountId, folder);
        if (afterUid >= Long.MAX_VALUE - 1) return 0;
        int n = 0;
        long bytes = 0;
        long from = afterUid + 1;
        long window = 1000; // UIDs per query; widened over gaps left by expunges
        while (n < maxMessages && bytes < maxBytes && from < box.uidNext()) {
            long last = from > Long.MAX_VALUE - window ? Long.MAX_VALUE : from + window - 1;
            List<MessageMeta> page = store.messages(accountId, box.id(), new UidRange(from, last));
            if (page.isEmpty()) {
                if (last == Long.MAX_VALUE) break;
                from = last + 1;
                window = Math.min(window * 4, 1L << 40);
                continue;
            }
            for (MessageMeta m : page) {
                if (n >= maxMessages || bytes >= maxBytes) return n;
                try (SizedStream s = store.open(accountId, box.id(), m.uid())) {
                    sink.accept(m.uid(), m.flags(), m.internalDate(), s.size(), s.in());
                } catch (StoreException.NotFound e) {
                    continue; // expunged meanwhile
                }
                n++;
                bytes += m.size();
            }
            from = page.getLast().uid() + 1;
        }
        return n;
    }
}

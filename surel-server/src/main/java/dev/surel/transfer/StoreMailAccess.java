package dev.surel.transfer;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.store.Appended;
import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.SizedStream;
import dev.surel.store.SpecialUse;
import dev.surel.store.StoreException;
import dev.surel.store.UidRange;
import dev.surel.store.blob.SpooledBlob;
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
        List<String> refused = new ArrayList<>();
        List<SpooledBlob> blobs = new ArrayList<>();
        try {
            List<NewMessage> messages = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Staged m = batch.get(i);
                try (InputStream in = Files.newInputStream(m.file())) {
                    SpooledBlob b = spool(in, exact, i, refused);
                    if (b == null) continue;
                    blobs.add(b);
                    messages.add(new NewMessage(b, m.flags(), m.internalDate()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return appendSpooled(box, messages, refused);
        } finally {
            for (SpooledBlob b : blobs) b.close();
        }
    }

    /**
     * {@link #append} of a batch in {@link BatchFormat} (the admin channel's {@code transfer
     * append}): each message is spooled into the store as it arrives, so the batch never is in memory.
     */
    public AppendResult appendFrames(String folder, boolean exact, InputStream frames) throws IOException {
        long box = store.mailbox(accountId, folder).id();
        List<String> refused = new ArrayList<>();
        List<SpooledBlob> blobs = new ArrayList<>();
        try {
            List<NewMessage> messages = new ArrayList<>();
            int[] index = {0};
            BatchFormat.read(frames, 0, (uid, flags, date, size, bytes) -> {
                SpooledBlob b = spool(bytes, exact, index[0]++, refused);
                if (b == null) return;
                blobs.add(b);
                messages.add(new NewMessage(b, flags, date));
            });
            return appendSpooled(box, messages, refused);
        } finally {
            for (SpooledBlob b : blobs) b.close();
        }
    }

    /** Spools one message; null (and a line in {@code refused}) when the store refuses it. */
    private SpooledBlob spool(InputStream in, boolean exact, int index, List<String> refused) {
        try {
            return exact ? store.spoolExact(in) : store.spool(in);
        } catch (StoreException.BadMessage e) {
            refused.add(index + " " + e.getMessage());
            return null;
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

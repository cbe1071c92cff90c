package dev.surel.transfer;

import dev.surel.store.Flags;
import dev.surel.store.SpecialUse;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One account's mail as an import writes it and an export reads it. Two implementations: the
 * store itself ({@link StoreMailAccess}, when no server runs, and inside a server for the admin
 * channel's requests) and a running server's admin channel (the CLI's {@code ChannelMailAccess}). Every
 * call is bounded: an append takes one batch, a read returns at most a batch.
 */
public interface MailAccess {

    /** The account's mailboxes, sorted by name. */
    List<FolderInfo> folders();

    /** The keys of the live messages of {@code folder}, in UID order; empty when there is no such folder. */
    List<MessageKey> keys(String folder);

    /** Creates {@code folder} (and its superiors) if missing, with {@code specialUse} (null: none), and subscribes it. */
    void ensureFolder(String folder, SpecialUse specialUse);

    /**
     * Appends a batch to an existing folder in one transaction, as it is ({@code exact}) or with
     * line endings made CRLF. A message the store refuses (too large, a header over its limits)
     * is skipped and named in {@link AppendResult#refused}; the rest go in. Over quota, as many as
     * fit go in, one by one, and {@link AppendResult#stopped} says why the rest did not.
     */
    AppendResult append(String folder, boolean exact, List<Staged> batch);

    /**
     * Reads the live messages of {@code folder} with a UID above {@code afterUid}, ascending, at
     * most {@code maxMessages} of them and no more once {@code maxBytes} were read (at least one).
     * Returns how many were passed to {@code sink}.
     */
    int read(String folder, long afterUid, int maxMessages, long maxBytes, MessageSink sink) throws IOException;

    /** Receives one message of {@link #read}; {@code bytes} holds exactly {@code size} octets. */
    @FunctionalInterface
    interface MessageSink {
        void accept(long uid, Flags flags, OffsetDateTime internalDate, long size, InputStream bytes) throws IOException;
    }

    /**
     * What one {@link #append} did.
     *
     * @param appended how many messages went in
     * @param refused  one line per message refused by the store: its position in the batch (0-based) and why
     * @param stopped  null, or why the batch stopped (over quota, disk full): the rest of the batch is not in
     */
    record AppendResult(int appended, List<String> refused, String stopped) {
        public AppendResult {
            refused = List.copyOf(refused);
        }
    }
}

package dev.surel.store;

import java.util.List;

/**
 * A committed change, published on the {@link ChangeBus} of its account after the commit.
 * Sessions apply events at their safe points (IMAP: untagged EXISTS / FETCH / EXPUNGE).
 */
public sealed interface StoreEvent {
    long accountId();

    /** A message stored (append, delivery, copy, move): {@code message} is its row as committed. */
    record MessageAdded(long accountId, MessageMeta message) implements StoreEvent {
        public long mailboxId() { return message.mailboxId(); }

        public long uid() { return message.uid(); }

        public long modseq() { return message.modseq(); }
    }

    record FlagsChanged(long accountId, long mailboxId, long uid, long modseq, Flags flags) implements StoreEvent { }

    record MessagesExpunged(long accountId, long mailboxId, List<Long> uids, long modseq) implements StoreEvent { }

    record MailboxCreated(long accountId, long mailboxId, String name) implements StoreEvent { }

    record MailboxDeleted(long accountId, long mailboxId, String name) implements StoreEvent { }

    record MailboxRenamed(long accountId, long mailboxId, String oldName, String newName) implements StoreEvent { }

    record SubscriptionsChanged(long accountId) implements StoreEvent { }
}

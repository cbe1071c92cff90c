package dev.surel.store;

import java.util.Collection;
import java.util.List;

/**
 * One mailbox's part of {@link MailStore#markSeenAndExpunge}: UIDs to give {@code \Seen}, UIDs
 * to expunge (whatever their {@code \Deleted} flag).
 */
public record SeenAndExpunge(long mailboxId, Collection<Long> markSeen, Collection<Long> expunge) {
    public SeenAndExpunge {
        markSeen = List.copyOf(markSeen);
        expunge = List.copyOf(expunge);
    }
}

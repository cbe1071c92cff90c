package dev.surel.store.sql;

import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.FlagUpdate;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import dev.surel.store.StoreEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Flag and keyword updates (RFC 9051 §6.4.6, RFC 7162 §3.1.3 UNCHANGEDSINCE).
 *
 * <p>Invariants: a call that changes anything takes exactly one new MODSEQ, given to every
 * changed message and the mailbox; messages whose flags would not change keep their MODSEQ;
 * unseen and deleted counts follow in the same transaction. UNCHANGEDSINCE refuses a message
 * whose MODSEQ is newer only when the update would change it (or the value is 0).
 */
final class SqlFlags {

    FlagUpdate update(Connection c, long accountId, long mailboxId, Collection<Long> uids, FlagOp op, Flags flags,
                      long unchangedSince, SqlMessages messages, List<StoreEvent> events) throws SQLException {
        List<MessageMeta> current = messages.fetch(c, accountId, mailboxId, uids);
        List<Long> unchanged = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        List<MessageMeta> toChange = new ArrayList<>();
        List<Flags> newFlags = new ArrayList<>();
        for (MessageMeta m : current) {
            Flags next = apply(m.flags(), op, flags);
            boolean noChange = same(next, m.flags());
            // RFC 7162 §3.1.3: a newer MODSEQ fails the test, unless the message already has what
            // was asked for (nothing would be overwritten); UNCHANGEDSINCE 0 always fails.
            if (unchangedSince >= 0 && m.modseq() > unchangedSince && (!noChange || unchangedSince == 0)) {
                failed.add(m.uid());
                continue;
            }
            if (noChange) {
                unchanged.add(m.uid());
            } else {
                toChange.add(m);
                newFlags.add(next);
            }
        }
        List<MessageMeta> changed = new ArrayList<>();
        if (!toChange.isEmpty()) {
            long modseq = AccountRows.nextModseq(c, accountId);
            Counts counts = Counts.ZERO;
            for (int i = 0; i < toChange.size(); i++) {
                MessageMeta m = toChange.get(i);
                Flags f = newFlags.get(i);
                int before = Flag.toBits(m.flags().system());
                int after = Flag.toBits(f.system());
                Sql.update(c, "UPDATE messages SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?",
                        after, f.keywordString(), modseq, mailboxId, m.uid());
                counts = counts.plus(Counts.flagChange(before, after));
                MessageMeta updated = new MessageMeta(m.mailboxId(), m.uid(), modseq, m.size(), m.internalDate(), f, m.blobHash());
                changed.add(updated);
                events.add(new StoreEvent.FlagsChanged(accountId, mailboxId, m.uid(), modseq, f));
            }
            MailboxRows.changed(c, mailboxId, counts, modseq);
        }
        return new FlagUpdate(changed, unchanged, failed);
    }

    static Flags apply(Flags current, FlagOp op, Flags given) {
        return switch (op) {
            case REPLACE -> given;
            case ADD -> {
                EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
                s.addAll(current.system());
                s.addAll(given.system());
                Set<String> k = new LinkedHashSet<>(current.keywords());
                k.addAll(given.keywords());
                yield new Flags(s, k);
            }
            case REMOVE -> {
                EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
                s.addAll(current.system());
                s.removeAll(given.system());
                List<String> k = new ArrayList<>();
                for (String kw : current.keywords()) if (!given.keywords().contains(kw)) k.add(kw);
                yield new Flags(s, new LinkedHashSet<>(k));
            }
        };
    }

    private static boolean same(Flags a, Flags b) {
        return a.system().equals(b.system()) && a.keywordString().equals(b.keywordString());
    }
}

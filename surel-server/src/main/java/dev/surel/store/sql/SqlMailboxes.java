package dev.surel.store.sql;

import dev.surel.store.MailboxInfo;
import dev.surel.store.SpecialUse;
import dev.surel.store.StoreEvent;
import dev.surel.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailbox and subscription operations, each run inside the caller's write transaction.
 *
 * <p>Invariants: every mailbox of an account has all its superior names as mailboxes too,
 * except after a superior was deleted (RFC 9051 §6.3.5 allows keeping inferiors); a mailbox
 * keeps its id and UIDVALIDITY across renames; a created mailbox gets a fresh UIDVALIDITY
 * (larger than any before); every mailbox change bumps the account's MODSEQ; a name a mailbox
 * gets (create, rename target) passes {@link MailboxNames#checkNew}, while existing names are
 * found as stored.
 */
final class SqlMailboxes {
    private final Clock clock;

    SqlMailboxes(Clock clock) {
        this.clock = clock;
    }

    /** The default mailboxes of a new account (RFC 6154), all subscribed. */
    void initializeAccount(Connection c, long accountId) throws SQLException {
        create(c, accountId, MailboxNames.INBOX, null, new ArrayList<>());
        record Default(String name, SpecialUse use) { }
        for (Default d : List.of(new Default("Drafts", SpecialUse.DRAFTS), new Default("Sent", SpecialUse.SENT),
                new Default("Trash", SpecialUse.TRASH), new Default("Junk", SpecialUse.JUNK),
                new Default("Archive", SpecialUse.ARCHIVE))) {
            create(c, accountId, d.name(), d.use(), new ArrayList<>());
        }
        for (String n : List.of(MailboxNames.INBOX, "Drafts", "Sent", "Trash", "Junk", "Archive")) subscribe(c, accountId, n);
    }

    void deleteAccountData(Connection c, long accountId) throws SQLException {
        Sql.update(c, "DELETE FROM messages WHERE mailbox_id IN (SELECT id FROM mailboxes WHERE account_id = ?)", accountId);
        Sql.update(c, "DELETE FROM mailboxes WHERE account_id = ?", accountId);
        Sql.update(c, "DELETE FROM subscriptions WHERE account_id = ?", accountId);
        Sql.update(c, "UPDATE accounts SET used_bytes = 0, used_messages = 0 WHERE id = ?", accountId);
    }

    MailboxInfo create(Connection c, long accountId, String rawName, SpecialUse specialUse, List<StoreEvent> events) throws SQLException {
        String name = MailboxNames.checkNew(rawName);
        if (MailboxRows.byName(c, accountId, name) != null) throw new StoreException.AlreadyExists(name);
        long modseq = AccountRows.nextModseq(c, accountId);
        createSuperiors(c, accountId, name, modseq, events);
        long id = MailboxRows.insert(c, accountId, name, specialUse, modseq, clock);
        events.add(new StoreEvent.MailboxCreated(accountId, id, name));
        return MailboxRows.requireById(c, accountId, id);
    }

    private void createSuperiors(Connection c, long accountId, String name, long modseq, List<StoreEvent> events) throws SQLException {
        for (String sup : MailboxNames.superiors(name)) {
            if (MailboxRows.byName(c, accountId, sup) == null) {
                long id = MailboxRows.insert(c, accountId, sup, null, modseq, clock);
                events.add(new StoreEvent.MailboxCreated(accountId, id, sup));
            }
        }
    }

    void delete(Connection c, long accountId, String rawName, List<StoreEvent> events) throws SQLException {
        String name = MailboxNames.normalise(rawName);
        if (name.equals(MailboxNames.INBOX)) throw new StoreException.NotAllowed("INBOX cannot be deleted");
        MailboxInfo mb = MailboxRows.requireByName(c, accountId, name);
        AccountRows.nextModseq(c, accountId);
        Sql.update(c, "DELETE FROM messages WHERE mailbox_id = ?", mb.id());
        Sql.update(c, "DELETE FROM mailboxes WHERE id = ?", mb.id());
        AccountRows.addUsage(c, accountId, -mb.size(), -mb.messages());
        events.add(new StoreEvent.MailboxDeleted(accountId, mb.id(), name));
    }

    MailboxInfo rename(Connection c, long accountId, String rawFrom, String rawTo, SqlMessages messages,
                       List<StoreEvent> events) throws SQLException {
        String from = MailboxNames.normalise(rawFrom);
        String to = MailboxNames.checkNew(rawTo);
        MailboxInfo source = MailboxRows.requireByName(c, accountId, from);
        if (MailboxRows.byName(c, accountId, to) != null) throw new StoreException.AlreadyExists(to);
        if (from.equals(MailboxNames.INBOX)) {
            // RFC 9051 §6.3.6: move every INBOX message to the new mailbox; INBOX stays, empty.
            MailboxInfo target = create(c, accountId, to, null, events);
            List<Long> uids = Sql.list(c, rs -> rs.getLong(1),
                    "SELECT uid FROM messages WHERE mailbox_id = ? AND expunged_at IS NULL ORDER BY uid", source.id());
            if (!uids.isEmpty()) messages.copyOrMove(c, accountId, source.id(), uids, target.id(), true, events);
            return MailboxRows.requireById(c, accountId, target.id());
        }
        if (MailboxNames.isSelfOrInferior(to, from)) throw new StoreException.NotAllowed("cannot rename " + from + " into itself");
        long modseq = AccountRows.nextModseq(c, accountId);
        List<MailboxInfo> moving = new ArrayList<>();
        for (MailboxInfo m : MailboxRows.all(c, accountId)) if (MailboxNames.isSelfOrInferior(m.name(), from)) moving.add(m);
        for (MailboxInfo m : moving) {
            String newName = to + m.name().substring(from.length());
            if (MailboxRows.byName(c, accountId, newName) != null) throw new StoreException.AlreadyExists(newName);
        }
        for (MailboxInfo m : moving) {
            String newName = to + m.name().substring(from.length());
            Sql.update(c, "UPDATE mailboxes SET name = ?, highest_modseq = ? WHERE id = ?", newName, modseq, m.id());
            events.add(new StoreEvent.MailboxRenamed(accountId, m.id(), m.name(), newName));
        }
        createSuperiors(c, accountId, to, modseq, events);
        return MailboxRows.requireById(c, accountId, source.id());
    }

    void subscribe(Connection c, long accountId, String rawName) throws SQLException {
        Sql.update(c, "INSERT INTO subscriptions (account_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                accountId, MailboxNames.normalise(rawName));
    }

    void unsubscribe(Connection c, long accountId, String rawName) throws SQLException {
        Sql.update(c, "DELETE FROM subscriptions WHERE account_id = ? AND name = ?", accountId, MailboxNames.normalise(rawName));
    }

    List<String> subscriptions(Connection c, long accountId) throws SQLException {
        return Sql.list(c, rs -> rs.getString(1), "SELECT name FROM subscriptions WHERE account_id = ? ORDER BY name", accountId);
    }
}

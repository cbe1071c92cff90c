package dev.surel.store.sql;

import dev.surel.store.MailStore;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Test fixture: creates account rows directly (the accounts component owns them in
 * production), then the default mailboxes, in one write transaction.
 */
public final class TestAccounts {
    private TestAccounts() { }

    public static long create(SqlMailStore store, String localPart, Long quotaBytes, Long quotaMessages) {
        return store.database().write(c -> {
            long domain = domain(c, "example.test");
            long id = Sql.insert(c, "INSERT INTO accounts (domain_id, local_part, password_hash, scram_sha256, quota_bytes, "
                    + "quota_messages, created_at) VALUES (?, ?, 'x', 'x', ?, ?, 0)", domain, localPart, quotaBytes, quotaMessages);
            store.initializeAccount(new SqlTransaction(c), id);
            return id;
        });
    }

    /** The account id of {@code localPart}, or -1. */
    public static long find(SqlMailStore store, String localPart) {
        return store.database().read(c -> Sql.queryLong(c, -1, "SELECT id FROM accounts WHERE local_part = ?", localPart));
    }

    public static void execute(MailStore store, String sql, Object... args) {
        ((SqlMailStore) store).database().write(c -> Sql.update(c, sql, args));
    }

    private static long domain(Connection c, String name) throws SQLException {
        long id = Sql.queryLong(c, -1, "SELECT id FROM domains WHERE name = ?", name);
        if (id >= 0) return id;
        return Sql.insert(c, "INSERT INTO domains (name, created_at) VALUES (?, 0)", name);
    }
}

package dev.surel.maildrop;

import dev.surel.store.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Leave-on-server policies stored per domain and per user ({@code pop3_policies}). The
 * effective policy of an account: its own row, else its domain's, else {@code [pop3] policy}.
 * Used by the sessions, the expiry job and the admin commands.
 */
public final class Pop3Policies {

    /** Whose policy a row is. */
    public enum Scope {
        DOMAIN("domain"), ACCOUNT("account");

        private final String column;

        Scope(String column) {
            this.column = column;
        }
    }

    private final Database db;
    private final LeavePolicy fallback;

    public Pop3Policies(Database db, LeavePolicy fallback) {
        this.db = db;
        this.fallback = fallback;
    }

    /** The policy in force for an account (one query). */
    public LeavePolicy effective(long accountId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT scope, policy FROM pop3_policies WHERE "
                    + "(scope = 'account' AND target_id = ?) OR "
                    + "(scope = 'domain' AND target_id = (SELECT domain_id FROM accounts WHERE id = ?))")) {
                ps.setLong(1, accountId);
                ps.setLong(2, accountId);
                String domain = null;
                String account = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals("account")) account = rs.getString(2);
                        else domain = rs.getString(2);
                    }
                }
                String p = account != null ? account : domain;
                return p == null ? fallback : LeavePolicy.parse(p);
            }
        });
    }

    /** The row of a domain or account, if it has one. */
    public Optional<LeavePolicy> own(Scope scope, long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT policy FROM pop3_policies WHERE scope = ? AND target_id = ?")) {
                ps.setString(1, scope.column);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(LeavePolicy.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Sets ({@code policy} non-null) or removes the row of a domain or account. */
    public void set(Scope scope, long id, LeavePolicy policy) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pop3_policies WHERE scope = ? AND target_id = ?")) {
                del.setString(1, scope.column);
                del.setLong(2, id);
                del.executeUpdate();
            }
            if (policy != null) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO pop3_policies (scope, target_id, policy) VALUES (?, ?, ?)")) {
                    ins.setString(1, scope.column);
                    ins.setLong(2, id);
                    ins.setString(3, policy.text());
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }

    public LeavePolicy fallback() {
        return fallback;
    }
}

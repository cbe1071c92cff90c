package dev.surel.mailauth;

import dev.surel.store.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The MTA-STS policies of recipient domains as last fetched ({@code mta_sts_policies}, RFC 8461
 * §5.1), so that they outlive a restart (§10.3: otherwise an attacker who blocks the policy's
 * discovery right after a restart downgrades delivery). Outbound delivery keeps its own
 * in-memory copy in front of this.
 */
public final class MtaStsCache {

    /** A stored policy: its id (of the {@code _mta-sts} record), the policy text as fetched, and when it expires. */
    public record Entry(String id, String policy, Instant expires) {
    }

    private final Database db;

    public MtaStsCache(Database db) {
        this.db = db;
    }

    public Optional<Entry> get(String domain) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT policy_id, policy, expires_at FROM mta_sts_policies WHERE domain = ?")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Entry(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                            : Optional.<Entry>empty();
                }
            }
        });
    }

    public void put(String domain, Entry e) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mta_sts_policies (domain, policy_id, policy, expires_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (domain) DO UPDATE SET policy_id = excluded.policy_id, policy = excluded.policy, "
                    + "expires_at = excluded.expires_at")) {
                ps.setString(1, domain);
                ps.setString(2, e.id());
                ps.setString(3, e.policy());
                ps.setLong(4, e.expires().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }
}

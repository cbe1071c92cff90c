package dev.surel.mailauth;

import dev.surel.protocol.srs.Srs;
import dev.surel.store.sql.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

/**
 * The SRS key of this data directory: 32 random octets made on first use and kept in the
 * database ({@code server_secrets}), so that every node, a restart and a restored backup reverse
 * the addresses made before.
 */
public final class SrsSecret {

    private static final String NAME = "srs";

    private SrsSecret() {
    }

    /** The data directory's SRS, its key created now when there is none. */
    public static Srs load(Database db, SecureRandom random) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        String key = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_secrets WHERE name = ?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return rs.getString(1);
                }
            }
            String made = Base64.getEncoder().encodeToString(fresh);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_secrets (name, value) VALUES (?, ?)")) {
                ps.setString(1, NAME);
                ps.setString(2, made);
                ps.executeUpdate();
            }
            return made;
        });
        return new Srs(Base64.getDecoder().decode(key));
    }
}

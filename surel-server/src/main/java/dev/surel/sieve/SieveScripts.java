package dev.surel.sieve;

import dev.surel.protocol.managesieve.ScriptName;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The users' Sieve scripts ({@code sieve_scripts}, V11).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Names are valid (RFC 5804 §1.6, {@link ScriptName}) and unique per account, compared
 *       octet by octet.</li>
 *   <li>At most one script of an account is active (a partial unique index enforces it); the
 *       active one cannot be deleted (§2.10); replacing or renaming a script keeps its active
 *       flag.</li>
 *   <li>No script is larger than {@code sieve.max_script_size} octets, and no account has more
 *       than {@code sieve.max_scripts} (checked in the same write transaction as the insert).</li>
 *   <li>Removing the account removes its scripts (ON DELETE CASCADE).</li>
 *   <li>The content stored is whatever the caller checked: callers run the {@link ScriptChecker} first.</li>
 * </ul>
 */
public final class SieveScripts {

    /** The active script of an account, for delivery. */
    public record Active(String name, String content) {
    }

    private final Database db;
    private final SieveSettings settings;
    private final Clock clock;

    public SieveScripts(Database db, SieveSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    public SieveSettings settings() {
        return settings;
    }

    /** The account's scripts by name (octet order). */
    public List<SieveScript> list(long accountId) {
        return db.read(c -> Sql.list(c, rs -> new SieveScript(rs.getString(1), rs.getInt(2) == 1, rs.getLong(3),
                Instant.ofEpochMilli(rs.getLong(4))),
                "SELECT name, active, size, updated_at FROM sieve_scripts WHERE account_id = ? ORDER BY name", accountId));
    }

    /** A script's content; NONEXISTENT when there is none of that name. */
    public String get(long accountId, String name) {
        List<String> content = db.read(c -> Sql.list(c, rs -> rs.getString(1),
                "SELECT content FROM sieve_scripts WHERE account_id = ? AND name = ?", accountId, name));
        if (content.isEmpty()) throw nonexistent(name);
        return content.getFirst();
    }

    /** The active script, if the account has one (what delivery runs). */
    public Optional<Active> active(long accountId) {
        return db.read(c -> Sql.list(c, rs -> new Active(rs.getString(1), rs.getString(2)),
                "SELECT name, content FROM sieve_scripts WHERE account_id = ? AND active = 1", accountId)).stream().findFirst();
    }

    /**
     * HAVESPACE (RFC 5804 §2.5): returns when a script {@code name} of {@code size} octets could
     * be stored now; else TOO_LARGE, TOO_MANY_SCRIPTS or INVALID_NAME.
     */
    public void checkSpace(long accountId, String name, long size) {
        checkName(name);
        checkSize(size);
        db.read(c -> {
            checkCount(c, accountId, name);
            return null;
        });
    }

    /**
     * Stores {@code content} (already checked) as script {@code name}, replacing one of that name
     * (which keeps its active flag). Returns true when the script is new.
     */
    public boolean put(long accountId, String name, String content) {
        checkName(name);
        long size = content.getBytes(StandardCharsets.UTF_8).length;
        checkSize(size);
        long now = clock.millis();
        return db.write(c -> {
            if (exists(c, accountId, name)) {
                Sql.update(c, "UPDATE sieve_scripts SET content = ?, size = ?, updated_at = ? WHERE account_id = ? AND name = ?",
                        content, size, now, accountId, name);
                return false;
            }
            checkCount(c, accountId, name);
            Sql.update(c, "INSERT INTO sieve_scripts (account_id, name, content, size, active, updated_at) VALUES (?, ?, ?, ?, 0, ?)",
                    accountId, name, content, size, now);
            return true;
        });
    }

    /** SETACTIVE (§2.8): makes {@code name} the one active script; the empty name deactivates them all. */
    public void setActive(long accountId, String name) {
        db.write(c -> {
            if (!name.isEmpty() && !exists(c, accountId, name)) throw nonexistent(name);
            Sql.update(c, "UPDATE sieve_scripts SET active = 0 WHERE account_id = ? AND active = 1", accountId);
            if (!name.isEmpty()) Sql.update(c, "UPDATE sieve_scripts SET active = 1 WHERE account_id = ? AND name = ?", accountId, name);
            return null;
        });
    }

    /** DELETESCRIPT (§2.10): NONEXISTENT, or ACTIVE for the active script. */
    public void delete(long accountId, String name) {
        db.write(c -> {
            long active = Sql.queryLong(c, -1, "SELECT active FROM sieve_scripts WHERE account_id = ? AND name = ?", accountId, name);
            if (active == -1) throw nonexistent(name);
            if (active == 1) throw new SieveException(SieveException.Kind.ACTIVE, "the active script cannot be deleted: deactivate it first");
            Sql.update(c, "DELETE FROM sieve_scripts WHERE account_id = ? AND name = ?", accountId, name);
            return null;
        });
    }

    /** RENAMESCRIPT (§2.11): NONEXISTENT, ALREADY_EXISTS or INVALID_NAME; the active flag moves with it. */
    public void rename(long accountId, String from, String to) {
        checkName(to);
        long now = clock.millis();
        db.write(c -> {
            if (!exists(c, accountId, from)) throw nonexistent(from);
            if (exists(c, accountId, to)) throw new SieveException(SieveException.Kind.ALREADY_EXISTS, "a script of the new name exists");
            Sql.update(c, "UPDATE sieve_scripts SET name = ?, updated_at = ? WHERE account_id = ? AND name = ?", to, now, accountId, from);
            return null;
        });
    }

    private static boolean exists(Connection c, long accountId, String name) throws SQLException {
        return Sql.queryLong(c, 0, "SELECT 1 FROM sieve_scripts WHERE account_id = ? AND name = ?", accountId, name) == 1;
    }

    /** A new script {@code name} would exceed {@code sieve.max_scripts} (replacing an existing one never does). */
    private void checkCount(Connection c, long accountId, String name) throws SQLException {
        if (exists(c, accountId, name)) return;
        if (Sql.queryLong(c, 0, "SELECT COUNT(*) FROM sieve_scripts WHERE account_id = ?", accountId) >= settings.maxScripts()) {
            throw new SieveException(SieveException.Kind.TOO_MANY_SCRIPTS,
                    "at most " + settings.maxScripts() + " scripts per user: delete one first");
        }
    }

    private void checkSize(long size) {
        if (size > settings.maxScriptSize()) {
            throw new SieveException(SieveException.Kind.TOO_LARGE, "a script may have at most " + settings.maxScriptSize() + " octets");
        }
    }

    private static void checkName(String name) {
        ScriptName.problem(name).ifPresent(p -> {
            throw new SieveException(SieveException.Kind.INVALID_NAME, p);
        });
    }

    private static SieveException nonexistent(String name) {
        return new SieveException(SieveException.Kind.NONEXISTENT, "there is no script of that name");
    }
}

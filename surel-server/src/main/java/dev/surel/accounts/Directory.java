package dev.surel.accounts;

import dev.surel.store.sql.Database;
import dev.surel.store.sql.Sql;
import dev.surel.store.sql.SqlTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Domains, users and aliases over the {@code domains}, {@code accounts} and {@code aliases}
 * tables, and recipient resolution ({@link #resolve}).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Names are validated by {@link EmailAddress} and stored lower-case, so every lookup is
 *       case-insensitive. A domain is local iff it is in the domains table.</li>
 *   <li>A user and an alias never share an address.</li>
 *   <li>A user row and its store data are created (and removed) in one write transaction,
 *       through the {@link AccountInitializer} / {@link AccountRemover} hooks.</li>
 *   <li>Password hashing (slow by design) runs before the write transaction, never inside it,
 *       so it does not hold the single writer.</li>
 *   <li>A domain is removed only when it has no users and no aliases
 *       ({@link DirectoryException.DomainNotEmpty}): no cascade, nobody's mail vanishes by
 *       accident.</li>
 *   <li>Adding an alias target that would create a loop, or make the new alias nest deeper
 *       than the limit, is refused (the transaction rolls back). Every new loop passes through
 *       the new alias, so loops are caught when added; an existing alias can still become too
 *       deep when an alias below it is added later, which {@link #resolve} reports as
 *       {@link DirectoryException.AliasTooDeep}.</li>
 *   <li>Removing a user leaves aliases and catch-alls that name it in place; they resolve to
 *       nothing until a user of that name exists again (an alias whose targets all dangle
 *       resolves to {@link Resolution.UnknownUser}).</li>
 * </ul>
 */
public final class Directory {
    private final Database db;
    private final DirectorySettings settings;
    private final CredentialDeriver deriver;
    private final AccountInitializer initializer;
    private final AccountRemover remover;
    private final Clock clock;

    public Directory(Database db, DirectorySettings settings, CredentialDeriver deriver,
                     AccountInitializer initializer, AccountRemover remover, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.settings = Objects.requireNonNull(settings);
        this.deriver = Objects.requireNonNull(deriver);
        this.initializer = Objects.requireNonNull(initializer);
        this.remover = Objects.requireNonNull(remover);
        this.clock = Objects.requireNonNull(clock);
    }

    // ------------------------------------------------------------------ domains

    /** Adds a local domain. */
    public Domain addDomain(String name) {
        String domain = EmailAddress.domain(name);
        long now = clock.millis();
        return db.write(c -> {
            if (Rows.domainId(c, domain).isPresent()) throw new DirectoryException.AlreadyExists("domain " + domain);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO domains (name, created_at) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, domain);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Domain(rs.getLong(1), domain, Optional.empty(), Instant.ofEpochMilli(now));
                }
            }
        });
    }

    /** All local domains, by name. */
    public List<Domain> listDomains() {
        return db.read(c -> {
            List<Domain> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, catch_all, created_at FROM domains ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(Rows.domain(rs));
            }
            return out;
        });
    }

    /** The domain, if local. */
    public Optional<Domain> findDomain(String name) {
        String domain = EmailAddress.domain(name);
        return db.read(c -> Rows.domainRow(c, domain));
    }

    /** Removes a domain that has no users and no aliases. */
    public void removeDomain(String name) {
        String domain = EmailAddress.domain(name);
        db.write(c -> {
            long id = Rows.domainId(c, domain).orElseThrow(() -> new DirectoryException.NoSuchDomain(domain));
            long users = Rows.count(c, "SELECT count(*) FROM accounts WHERE domain_id = ?", id);
            long aliases = Rows.count(c, "SELECT count(DISTINCT local_part) FROM aliases WHERE domain_id = ?", id);
            if (users > 0 || aliases > 0) throw new DirectoryException.DomainNotEmpty(domain, users, aliases);
            Sql.update(c, "DELETE FROM domains WHERE id = ?", id);
            return null;
        });
    }

    /** Mail for unknown local parts of {@code domain} goes to {@code target} (any valid address). */
    public void setCatchAll(String domain, String target) {
        String d = EmailAddress.domain(domain);
        String t = EmailAddress.parse(target).toString();
        db.write(c -> {
            long id = Rows.domainId(c, d).orElseThrow(() -> new DirectoryException.NoSuchDomain(d));
            Sql.update(c, "UPDATE domains SET catch_all = ? WHERE id = ?", t, id);
            return null;
        });
    }

    /** Unknown local parts of {@code domain} are refused again. */
    public void clearCatchAll(String domain) {
        String d = EmailAddress.domain(domain);
        db.write(c -> {
            long id = Rows.domainId(c, d).orElseThrow(() -> new DirectoryException.NoSuchDomain(d));
            Sql.update(c, "UPDATE domains SET catch_all = NULL WHERE id = ?", id);
            return null;
        });
    }

    // ------------------------------------------------------------------ users

    /**
     * Adds a user with a password; the {@link AccountInitializer} creates its mailboxes in the
     * same transaction. The caller wipes {@code password}.
     */
    public Account addUser(String address, char[] password) {
        EmailAddress a = EmailAddress.parse(address);
        Credentials creds = derive(password);
        long now = clock.millis();
        return db.write(c -> {
            long domainId = Rows.domainId(c, a.domain()).orElseThrow(() -> new DirectoryException.NoSuchDomain(a.domain()));
            if (Rows.accountId(c, domainId, a.localPart()).isPresent() || !Rows.aliasTargets(c, domainId, a.localPart()).isEmpty()) {
                throw new DirectoryException.AlreadyExists(a.toString());
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (domain_id, local_part, password_hash, "
                    + "scram_sha256, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, domainId);
                ps.setString(2, a.localPart());
                ps.setString(3, creds.passwordHash());
                ps.setString(4, creds.scramSha256());
                ps.setLong(5, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            initializer.initialize(new SqlTransaction(c), id);
            return new Account(id, a.toString(), Quota.DEFAULT, Instant.ofEpochMilli(now));
        });
    }

    /** Replaces a user's password: both the Argon2id hash and the SCRAM credentials. */
    public void passwd(String address, char[] password) {
        EmailAddress a = EmailAddress.parse(address);
        Credentials creds = derive(password);
        db.write(c -> {
            long id = existingAccount(c, a);
            Sql.update(c, "UPDATE accounts SET password_hash = ?, scram_sha256 = ? WHERE id = ?",
                    creds.passwordHash(), creds.scramSha256(), id);
            return null;
        });
    }

    /** Sets a user's quota (empty: the configured default; 0: unlimited). */
    public void setQuota(String address, Quota quota) {
        EmailAddress a = EmailAddress.parse(address);
        db.write(c -> {
            long id = existingAccount(c, a);
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET quota_bytes = ?, quota_messages = ? WHERE id = ?")) {
                Sql.setOptional(ps, 1, quota.bytes());
                Sql.setOptional(ps, 2, quota.messages());
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a user; the {@link AccountRemover} deletes its mail in the same transaction. */
    public void removeUser(String address) {
        EmailAddress a = EmailAddress.parse(address);
        db.write(c -> {
            long id = existingAccount(c, a);
            remover.remove(new SqlTransaction(c), id);
            Sql.update(c, "DELETE FROM accounts WHERE id = ?", id);
            return null;
        });
    }

    /** The user, if any. */
    public Optional<Account> findUser(String address) {
        EmailAddress a = EmailAddress.parse(address);
        return db.read(c -> Rows.accounts(c, "WHERE d.name = ? AND a.local_part = ?", a.domain(), a.localPart()).stream().findFirst());
    }

    /** All users, by address. */
    public List<Account> listUsers() {
        return db.read(c -> Rows.accounts(c, ""));
    }

    /** The users of one domain, by address. */
    public List<Account> listUsers(String domain) {
        String d = EmailAddress.domain(domain);
        return db.read(c -> {
            if (Rows.domainId(c, d).isEmpty()) throw new DirectoryException.NoSuchDomain(d);
            return Rows.accounts(c, "WHERE d.name = ?", d);
        });
    }

    /**
     * The stored credentials for a login (a full address, case-insensitive); empty for an
     * unknown user or a string that is not a valid address.
     */
    public Optional<AccountCredentials> credentials(String login) {
        EmailAddress a;
        try {
            a = EmailAddress.parse(login);
        } catch (DirectoryException.InvalidAddress e) {
            return Optional.empty();
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.password_hash, a.scram_sha256 FROM accounts a "
                    + "JOIN domains d ON d.id = a.domain_id WHERE d.name = ? AND a.local_part = ?")) {
                ps.setString(1, a.domain());
                ps.setString(2, a.localPart());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new AccountCredentials(rs.getLong(1), a.toString(),
                            new Credentials(rs.getString(2), rs.getString(3))));
                }
            }
        });
    }

    // ------------------------------------------------------------------ aliases

    /**
     * Adds targets to an alias (creating it). Targets are addresses: local users, other
     * aliases, sub-addresses, or external addresses (recorded, resolved as unsupported).
     * Adding an existing target again is a no-op.
     *
     * @throws DirectoryException.AliasLoop if the alias would reach itself
     * @throws DirectoryException.AliasTooDeep if it would nest deeper than the limit
     */
    public Alias addAlias(String alias, Collection<String> targets) {
        EmailAddress a = EmailAddress.parse(alias);
        if (targets.isEmpty()) throw new IllegalArgumentException("an alias needs at least one target");
        List<String> ts = targets.stream().map(t -> EmailAddress.parse(t).toString()).distinct().toList();
        return db.write(c -> {
            long domainId = Rows.domainId(c, a.domain()).orElseThrow(() -> new DirectoryException.NoSuchDomain(a.domain()));
            if (Rows.accountId(c, domainId, a.localPart()).isPresent()) throw new DirectoryException.AlreadyExists(a.toString());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO aliases (domain_id, local_part, target) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String t : ts) {
                    ps.setLong(1, domainId);
                    ps.setString(2, a.localPart());
                    ps.setString(3, t);
                    ps.executeUpdate();
                }
            }
            new Resolver(c, settings).resolve(a.toString()); // throws on loops and excessive depth: rollback
            return new Alias(a.toString(), Rows.aliasTargets(c, domainId, a.localPart()));
        });
    }

    /** Removes an alias with all its targets. */
    public void removeAlias(String alias) {
        EmailAddress a = EmailAddress.parse(alias);
        db.write(c -> {
            long domainId = Rows.domainId(c, a.domain()).orElseThrow(() -> new DirectoryException.NoSuchDomain(a.domain()));
            int n = Sql.update(c, "DELETE FROM aliases WHERE domain_id = ? AND local_part = ?", domainId, a.localPart());
            if (n == 0) throw new DirectoryException.NoSuchAlias(a.toString());
            return null;
        });
    }

    /** Removes one target of an alias (the alias disappears with its last target). */
    public void removeAliasTarget(String alias, String target) {
        EmailAddress a = EmailAddress.parse(alias);
        String t = EmailAddress.parse(target).toString();
        db.write(c -> {
            long domainId = Rows.domainId(c, a.domain()).orElseThrow(() -> new DirectoryException.NoSuchDomain(a.domain()));
            int n = Sql.update(c, "DELETE FROM aliases WHERE domain_id = ? AND local_part = ? AND target = ?",
                    domainId, a.localPart(), t);
            if (n == 0) throw new DirectoryException.NoSuchAlias(a + " -> " + t);
            return null;
        });
    }

    /** All aliases, by address, targets sorted. */
    public List<Alias> listAliases() {
        return db.read(c -> {
            Map<String, List<String>> byAlias = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT al.local_part || '@' || d.name, al.target FROM aliases al "
                    + "JOIN domains d ON d.id = al.domain_id ORDER BY d.name, al.local_part, al.target");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) byAlias.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
            List<Alias> out = new ArrayList<>();
            byAlias.forEach((k, v) -> out.add(new Alias(k, v)));
            return out;
        });
    }

    // ------------------------------------------------------------------ resolution

    /**
     * Resolves a recipient address to local accounts; see {@link Resolver} for the order of
     * rules. The bare {@code postmaster} (RFC 5321 §4.1.1.3) is accepted too.
     *
     * @throws DirectoryException.InvalidAddress for a syntactically invalid address
     * @throws DirectoryException.AliasLoop / {@link DirectoryException.AliasTooDeep} for a broken alias graph
     */
    public Resolution resolve(String address) {
        return db.read(c -> new Resolver(c, settings).resolve(address));
    }

    // ------------------------------------------------------------------ helpers

    private Credentials derive(char[] password) {
        if (password == null || password.length == 0) throw new DirectoryException.InvalidPassword("empty");
        try {
            return deriver.derive(password);
        } catch (IllegalArgumentException e) {
            throw new DirectoryException.InvalidPassword(e.getMessage());
        }
    }

    private static long existingAccount(Connection c, EmailAddress a) throws SQLException {
        long domainId = Rows.domainId(c, a.domain()).orElseThrow(() -> new DirectoryException.NoSuchDomain(a.domain()));
        return Rows.accountId(c, domainId, a.localPart()).orElseThrow(() -> new DirectoryException.NoSuchUser(a.toString()));
    }

    /** The directory's queries, shared with its resolver. */
    static final class Rows {
        private Rows() { }

        static OptionalLong domainId(Connection c, String domain) throws SQLException {
            return Sql.queryOptionalLong(c, "SELECT id FROM domains WHERE name = ?", domain);
        }

        static Optional<Domain> domainRow(Connection c, String domain) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, catch_all, created_at FROM domains WHERE name = ?")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(domain(rs)) : Optional.empty();
                }
            }
        }

        static Domain domain(ResultSet rs) throws SQLException {
            return new Domain(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)));
        }

        static OptionalLong accountId(Connection c, long domainId, String localPart) throws SQLException {
            return Sql.queryOptionalLong(c, "SELECT id FROM accounts WHERE domain_id = ? AND local_part = ?", domainId, localPart);
        }

        static List<String> aliasTargets(Connection c, long domainId, String localPart) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT target FROM aliases WHERE domain_id = ? AND local_part = ? ORDER BY target")) {
                ps.setLong(1, domainId);
                ps.setString(2, localPart);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) out.add(rs.getString(1));
                    return out;
                }
            }
        }

        static List<Account> accounts(Connection c, String where, Object... args) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.local_part || '@' || d.name, a.quota_bytes, "
                    + "a.quota_messages, a.created_at FROM accounts a JOIN domains d ON d.id = a.domain_id " + where
                    + " ORDER BY d.name, a.local_part")) {
                Sql.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Account> out = new ArrayList<>();
                    while (rs.next()) {
                        Quota q = new Quota(Sql.optional(rs, 3), Sql.optional(rs, 4));
                        out.add(new Account(rs.getLong(1), rs.getString(2), q, Instant.ofEpochMilli(rs.getLong(5))));
                    }
                    return out;
                }
            }
        }

        static long count(Connection c, String sql, Object... args) throws SQLException {
            return Sql.queryOptionalLong(c, sql, args).orElse(0);
        }
    }
}

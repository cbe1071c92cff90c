package dev.surel.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Resolves one recipient address inside one read (or write) transaction.
 *
 * <p>Rules, in order, for {@code local@domain}:
 * <ol>
 *   <li>The domain must be local (in the domains table), else {@link Resolution.NotLocalDomain}.</li>
 *   <li>A user {@code local} → that account.</li>
 *   <li>An alias {@code local} → each target resolved in turn (rules 2–5 and 1 for external
 *       domains, which are collected as unsupported), up to
 *       {@link DirectorySettings#maxAliasDepth()} levels; an address met again on the current
 *       path is an {@link DirectoryException.AliasLoop}.</li>
 *   <li>Sub-addressing: if {@code local} contains a separator character, rules 2–3 and 5
 *       again with the part before the first separator ({@code user+tag} is {@code user}).</li>
 *   <li>{@code postmaster} (RFC 5321 §4.5.1, every local domain has one): the configured
 *       {@code [accounts] postmaster} address, else the domain's catch-all target, else the
 *       domain's oldest user (lowest creation time, then id); a domain with none of these has
 *       no postmaster yet.</li>
 *   <li>Catch-all of the domain → its target, resolved by rules 2–5 but without a catch-all
 *       again. The catch-all applies only to the address asked for, not to alias targets:
 *       an alias pointing at an unknown address of a local domain yields nothing there.</li>
 * </ol>
 * The bare {@code postmaster} (no domain) goes to the configured postmaster, else to
 * {@code postmaster@} the oldest local domain.
 */
final class Resolver {
    private final Connection c;
    private final DirectorySettings settings;
    private final Set<Recipient> recipients = new LinkedHashSet<>();
    private final Set<String> external = new LinkedHashSet<>();
    private final List<String> path = new ArrayList<>();
    private final Set<String> done = new HashSet<>();

    Resolver(Connection c, DirectorySettings settings) {
        this.c = c;
        this.settings = settings;
    }

    Resolution resolve(String address) throws SQLException {
        if (address != null && address.equalsIgnoreCase("postmaster")) return resolveBarePostmaster();
        EmailAddress a = EmailAddress.parse(address);
        Optional<Domain> domain = Directory.Rows.domainRow(c, a.domain());
        if (domain.isEmpty()) return new Resolution.NotLocalDomain(a.domain());
        expand(a, 0, true);
        if (recipients.isEmpty() && external.isEmpty()) return new Resolution.UnknownUser(a.toString());
        return new Resolution.Local(recipients, external);
    }

    private Resolution resolveBarePostmaster() throws SQLException {
        Optional<String> target = settings.postmaster();
        if (target.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM domains ORDER BY created_at, id LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) target = Optional.of("postmaster@" + rs.getString(1));
            }
            if (target.isEmpty()) return new Resolution.UnknownUser("postmaster");
        }
        return resolve(target.orElseThrow());
    }

    /** Expands one address into {@link #recipients} / {@link #external}. */
    private void expand(EmailAddress a, int depth, boolean allowCatchAll) throws SQLException {
        String key = a.toString();
        if (path.contains(key)) {
            List<String> loop = new ArrayList<>(path);
            loop.add(key);
            throw new DirectoryException.AliasLoop(loop);
        }
        if (depth > settings.maxAliasDepth()) throw new DirectoryException.AliasTooDeep(key, settings.maxAliasDepth());
        if (done.contains(key)) return;
        Optional<Domain> domain = Directory.Rows.domainRow(c, a.domain());
        if (domain.isEmpty()) {
            external.add(key);
            return;
        }
        path.add(key);
        try {
            Domain d = domain.get();
            if (userOrAlias(d, a.localPart(), depth)) return;
            String base = base(a.localPart());
            if (base != null && userOrAlias(d, base, depth)) return;
            String effective = base != null ? base : a.localPart();
            if (effective.equals("postmaster") && postmaster(d, key, depth)) return;
            if (allowCatchAll && d.catchAll().isPresent()) {
                expand(EmailAddress.parse(d.catchAll().get()), depth + 1, false);
            }
        } finally {
            path.removeLast();
            done.add(key);
        }
    }

    private boolean userOrAlias(Domain d, String localPart, int depth) throws SQLException {
        OptionalLong id = Directory.Rows.accountId(c, d.id(), localPart);
        if (id.isPresent()) {
            recipients.add(new Recipient(id.getAsLong(), localPart + "@" + d.name()));
            return true;
        }
        List<String> targets = Directory.Rows.aliasTargets(c, d.id(), localPart);
        for (String t : targets) expand(EmailAddress.parse(t), depth + 1, false);
        return !targets.isEmpty();
    }

    private boolean postmaster(Domain d, String key, int depth) throws SQLException {
        Optional<String> configured = settings.postmaster().filter(p -> !p.equals(key));
        if (configured.isPresent()) {
            expand(EmailAddress.parse(configured.get()), depth + 1, false);
            return true;
        }
        if (d.catchAll().isPresent()) {
            expand(EmailAddress.parse(d.catchAll().get()), depth + 1, false);
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, local_part FROM accounts WHERE domain_id = ? ORDER BY created_at, id LIMIT 1")) {
            ps.setLong(1, d.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
                recipients.add(new Recipient(rs.getLong(1), rs.getString(2) + "@" + d.name()));
                return true;
            }
        }
    }

    /** The local part before the first separator, or null when there is none (or it is empty). */
    private String base(String localPart) {
        String seps = settings.subaddressSeparators();
        for (int i = 0; i < localPart.length(); i++) {
            if (seps.indexOf(localPart.charAt(i)) >= 0) {
                return i == 0 ? null : stripDot(localPart.substring(0, i));
            }
        }
        return null;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? null : s;
    }
}

package dev.surel.filter;

import dev.surel.protocol.filter.GreylistState;
import dev.surel.protocol.filter.GreylistTriplet;
import dev.surel.store.sql.Database;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Greylisting at RCPT TO (RFC 6647 §2; docs/filtering.md): the first attempt of an unknown
 * {@link GreylistTriplet} is deferred, a retry after {@code delay} passes (the decision is
 * {@link GreylistState#decide}). State lives in {@code greylist_triplets} and
 * {@code greylist_clients} (V13), so it outlives a restart. Times come from the server clock.
 *
 * <ul>
 *   <li>Exempt client networks ({@code exempt}, loopback by default) and exempt recipients
 *       ({@code exempt_recipients}, postmaster@ and abuse@ by default, so that a sender's
 *       complaint or question is not delayed) are never greylisted (RFC 6647 §4).</li>
 *   <li>Auto-whitelist: a client network whose triplets passed {@code auto_whitelist} times is
 *       no longer greylisted until it sends nothing for {@code expiry} (Postgrey's
 *       {@code --auto-whitelist-clients}).</li>
 *   <li>Bounded growth: rows past their use (an unretried triplet after {@code retry_window}, a
 *       passed one or a client after {@code expiry}) are deleted by a purge that runs on a check
 *       at most once per {@code purge_interval} of the clock; so the tables hold only what the last
 *       {@code expiry} brought.</li>
 *   <li>A database failure passes the recipient (logged): greylisting only delays, and mail is
 *       never refused for a fault of ours.</li>
 * </ul>
 *
 * <p>Cost: a known, passed triplet is answered from a read; a write (one group commit) happens
 * for a new or greylisted triplet, a first pass, and at most once an hour of a passed triplet's
 * or whitelisted client's traffic (to keep its last-seen time).
 */
public final class Greylist {
    private static final Logger log = LoggerFactory.getLogger(Greylist.class);
    /** A passed triplet's or whitelisted client's last-seen time is refreshed at most this often. */
    static final Duration TOUCH_EVERY = Duration.ofHours(1);

    /** The outcome for one recipient. */
    public sealed interface Verdict {
        /** The recipient goes on; {@code why} says why it was not deferred. */
        record Pass(Why why) implements Verdict {
        }

        /** 451 4.7.1: greylisted; a retry passes in {@code retryIn} (the triplet is named for the log). */
        record Defer(GreylistTriplet triplet, Duration retryIn) implements Verdict {
        }
    }

    /** Why a recipient was not deferred. */
    public enum Why { OFF, EXEMPT, CLIENT_WHITELISTED, TRIPLET_PASSED, FIRST_PASS, FAILED }

    private final GreylistSettings settings;
    private final GreylistState.Timing timing;
    private final Database db;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public Greylist(GreylistSettings settings, Database db, Clock clock) {
        this.settings = settings;
        this.timing = settings.timing();
        this.db = db;
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The verdict for recipient {@code recipient} of mail from {@code sender} ("" for {@code <>}) sent by {@code client}. */
    public Verdict check(InetAddress client, String sender, String recipient) {
        if (!settings.enabled()) return new Verdict.Pass(Why.OFF);
        if (settings.exempt(client) || settings.exemptRecipient(recipient)) return new Verdict.Pass(Why.EXEMPT);
        GreylistTriplet t = GreylistTriplet.of(client, settings.ipv4Prefix(), settings.ipv6Prefix(), sender, recipient);
        Instant now = clock.instant();
        try {
            Verdict known = db.read(c -> known(c, t, now));
            if (known != null && !purgeDue(now)) return known;
            return db.write(c -> {
                purgeIfDue(c, now);
                return decide(c, t, now);
            });
        } catch (RuntimeException e) {
            log.warn("greylisting {} failed, recipient passed: {}", t, e.toString());
            return new Verdict.Pass(Why.FAILED);
        }
    }

    /** A pass that needs no write (a whitelisted client or a passed triplet, seen within the hour), else null. */
    private Verdict known(Connection c, GreylistTriplet t, Instant now) throws SQLException {
        Instant client = whitelistedSince(c, t.network(), now);
        if (client != null && Duration.between(client, now).compareTo(TOUCH_EVERY) < 0) return new Verdict.Pass(Why.CLIENT_WHITELISTED);
        GreylistState s = state(c, t);
        if (client == null && s != null && s.passed() && !s.expired(now, timing)
                && Duration.between(s.lastSeen(), now).compareTo(TOUCH_EVERY) < 0) {
            return new Verdict.Pass(Why.TRIPLET_PASSED);
        }
        return null;
    }

    private Verdict decide(Connection c, GreylistTriplet t, Instant now) throws SQLException {
        if (whitelistedSince(c, t.network(), now) != null) {
            touchClient(c, t.network(), now);
            return new Verdict.Pass(Why.CLIENT_WHITELISTED);
        }
        GreylistState.Decision d = GreylistState.decide(state(c, t), now, timing);
        store(c, t, d.next());
        return switch (d) {
            case GreylistState.Decision.Defer x -> new Verdict.Defer(t, x.retryIn());
            case GreylistState.Decision.Pass p when p.firstPass() -> {
                countPass(c, t.network(), now);
                yield new Verdict.Pass(Why.FIRST_PASS);
            }
            case GreylistState.Decision.Pass p -> {
                touchClient(c, t.network(), now);
                yield new Verdict.Pass(Why.TRIPLET_PASSED);
            }
        };
    }

    /** When the client network is auto-whitelisted at {@code now}, its last-seen time; else null. */
    private Instant whitelistedSince(Connection c, String network, Instant now) throws SQLException {
        if (settings.autoWhitelist() == 0) return null;
        try (PreparedStatement ps = c.prepareStatement("SELECT passes, last_seen FROM greylist_clients WHERE network = ?")) {
            ps.setString(1, network);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Instant last = Instant.ofEpochMilli(rs.getLong(2));
                return rs.getInt(1) >= settings.autoWhitelist() && !now.isAfter(last.plus(settings.expiry())) ? last : null;
            }
        }
    }

    private static GreylistState state(Connection c, GreylistTriplet t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT first_seen, last_seen, passed_at FROM greylist_triplets WHERE network = ? AND sender = ? AND recipient = ?")) {
            ps.setString(1, t.network());
            ps.setString(2, t.sender());
            ps.setString(3, t.recipient());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Instant first = Instant.ofEpochMilli(rs.getLong(1));
                Instant last = Instant.ofEpochMilli(rs.getLong(2));
                long passed = rs.getLong(3);
                return new GreylistState(first, last, rs.wasNull() ? null : Instant.ofEpochMilli(passed));
            }
        }
    }

    private static void store(Connection c, GreylistTriplet t, GreylistState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO greylist_triplets (network, sender, recipient, first_seen, last_seen, "
                + "passed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (network, sender, recipient) DO UPDATE SET first_seen = excluded.first_seen, "
                + "last_seen = excluded.last_seen, passed_at = excluded.passed_at")) {
            ps.setString(1, t.network());
            ps.setString(2, t.sender());
            ps.setString(3, t.recipient());
            ps.setLong(4, s.firstSeen().toEpochMilli());
            ps.setLong(5, s.lastSeen().toEpochMilli());
            if (s.passedAt() == null) ps.setNull(6, java.sql.Types.BIGINT);
            else ps.setLong(6, s.passedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** One more passed triplet of the client network (a count past its expiry starts again at 1). */
    private void countPass(Connection c, String network, Instant now) throws SQLException {
        if (settings.autoWhitelist() == 0) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO greylist_clients (network, passes, last_seen) VALUES (?, 1, ?) "
                + "ON CONFLICT (network) DO UPDATE SET passes = CASE WHEN greylist_clients.last_seen < ? THEN 1 "
                + "ELSE greylist_clients.passes + 1 END, last_seen = excluded.last_seen")) {
            ps.setString(1, network);
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, now.minus(settings.expiry()).toEpochMilli());
            ps.executeUpdate();
        }
    }

    private void touchClient(Connection c, String network, Instant now) throws SQLException {
        if (settings.autoWhitelist() == 0) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE greylist_clients SET last_seen = ? WHERE network = ? AND last_seen < ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, network);
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    private boolean purgeDue(Instant now) {
        return !now.isBefore(nextPurge);
    }

    /** Deletes the rows past their use (see the class comment) when the purge is due. */
    private void purgeIfDue(Connection c, Instant now) throws SQLException {
        if (!purgeDue(now)) return;
        nextPurge = now.plus(settings.purgeInterval());
        long unretried = now.minus(settings.retryWindow()).toEpochMilli();
        long forgotten = now.minus(settings.expiry()).toEpochMilli();
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM greylist_triplets WHERE passed_at IS NULL AND first_seen < ?")) {
            ps.setLong(1, unretried);
            n += ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM greylist_triplets WHERE passed_at IS NOT NULL AND last_seen < ?")) {
            ps.setLong(1, forgotten);
            n += ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM greylist_clients WHERE last_seen < ?")) {
            ps.setLong(1, forgotten);
            n += ps.executeUpdate();
        }
        if (n > 0) log.info("greylisting: purged {} rows past their use", n);
    }
}

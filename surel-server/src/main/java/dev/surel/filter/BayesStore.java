package dev.surel.filter;

import dev.surel.protocol.bayes.TokenCounts;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each user's Bayes classifier learned ({@code bayes_tokens}, {@code bayes_totals},
 * {@code bayes_messages}, V12).
 *
 * <p>Invariants:
 * <ul>
 *   <li>A trained message adds 1 to its kind's total and to that kind's count of each of its
 *       tokens (a token once per message: the tokenizer gives a set of at most
 *       {@link dev.surel.protocol.bayes.Tokenizer#MAX_TOKENS}); one write transaction per message.</li>
 *   <li>{@code bayes_totals.tokens} is the number of the account's rows in {@code bayes_tokens}.</li>
 *   <li>An account has at most {@link BayesSettings#maxTokens()} tokens once a training returns:
 *       past it, the tokens seen in the fewest messages, least recently trained first, are deleted
 *       down to {@link BayesSettings#pruneTo()} (a token seen once says almost nothing, see
 *       {@link dev.surel.protocol.bayes.BayesClassifier#UNKNOWN_STRENGTH}).</li>
 *   <li>{@code bayes_messages} remembers each message trained through
 *       {@link #train(long, String, Set, boolean)} by the hash of its stored bytes, as spam or ham:
 *       the same lesson twice counts once, the opposite lesson first takes the earlier one back
 *       (counts and total down by one, never below 0; tokens left at 0/0 are deleted). At most
 *       {@link BayesSettings#maxTokens()} such rows per account: past it the oldest go (such a
 *       message, trained again, counts again).</li>
 *   <li>Removing the account removes all three (ON DELETE CASCADE).</li>
 * </ul>
 */
public final class BayesStore {

    private final Database db;
    private final BayesSettings settings;
    private final Clock clock;

    public BayesStore(Database db, BayesSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    public BayesSettings settings() {
        return settings;
    }

    /** What {@link #train(long, String, Set, boolean)} did. */
    public enum Trained {
        /** Trained (the message was not trained before). */
        NEW,
        /** Untrained the other way, then trained (the user changed their mind). */
        RETRAINED,
        /** Nothing: already trained this way. */
        ALREADY
    }

    /**
     * Trains one message of the account, as spam or as ham, from its tokens, remembering it by
     * {@code blobHash} (the hash of its stored bytes): trained this way before, nothing changes;
     * trained the other way, that is undone first (its counts and total taken back).
     */
    public Trained train(long accountId, String blobHash, Set<String> tokens, boolean spam) {
        long now = clock.millis();
        return db.write(c -> {
            long before = Sql.queryLong(c, -1, "SELECT spam FROM bayes_messages WHERE account_id = ? AND blob_hash = ?", accountId, blobHash);
            if (before == (spam ? 1 : 0)) return Trained.ALREADY;
            if (before >= 0) untrain(c, accountId, tokens, before == 1);
            if (Sql.update(c, "UPDATE bayes_messages SET spam = ?, trained_at = ? WHERE account_id = ? AND blob_hash = ?",
                    spam ? 1 : 0, now, accountId, blobHash) == 0) {
                Sql.update(c, "INSERT INTO bayes_messages (account_id, blob_hash, spam, trained_at) VALUES (?, ?, ?, ?)",
                        accountId, blobHash, spam ? 1 : 0, now);
                long kept = Sql.queryLong(c, 0, "SELECT COUNT(*) FROM bayes_messages WHERE account_id = ?", accountId);
                if (kept > settings.maxTokens()) {
                    Sql.update(c, "DELETE FROM bayes_messages WHERE account_id = ? AND blob_hash IN (SELECT blob_hash FROM bayes_messages"
                            + " WHERE account_id = ? ORDER BY trained_at, blob_hash LIMIT ?)", accountId, accountId, kept - settings.pruneTo());
                }
            }
            add(c, accountId, tokens, spam, now);
            return before >= 0 ? Trained.RETRAINED : Trained.NEW;
        });
    }

    /** Trains one message of the account, as spam or as ham, from its tokens (not remembered: each call counts). */
    public void train(long accountId, Set<String> tokens, boolean spam) {
        long now = clock.millis();
        db.write(c -> {
            add(c, accountId, tokens, spam, now);
            return null;
        });
    }

    /** Takes back one message trained as {@code spam} (or ham): counts and total down by one, never below 0. */
    private static void untrain(Connection c, long accountId, Set<String> tokens, boolean spam) throws SQLException {
        String column = spam ? "spam" : "ham";
        try (PreparedStatement down = c.prepareStatement("UPDATE bayes_tokens SET " + column + " = " + column
                + " - 1 WHERE account_id = ? AND token = ? AND " + column + " > 0")) {
            for (String t : tokens) {
                Sql.bind(down, accountId, t);
                down.addBatch();
            }
            down.executeBatch();
        }
        int gone = 0;
        try (PreparedStatement empty = c.prepareStatement("DELETE FROM bayes_tokens WHERE account_id = ? AND token = ? AND spam = 0 AND ham = 0")) {
            for (String t : tokens) {
                Sql.bind(empty, accountId, t);
                empty.addBatch();
            }
            for (int n : empty.executeBatch()) gone += Math.max(n, 0);
        }
        Sql.update(c, "UPDATE bayes_totals SET " + column + " = CASE WHEN " + column + " > 0 THEN " + column + " - 1 ELSE 0 END,"
                + " tokens = tokens - ? WHERE account_id = ?", gone, accountId);
    }

    private void add(Connection c, long accountId, Set<String> tokens, boolean spam, long now) throws SQLException {
        Set<String> known = known(c, accountId, tokens);
        String column = spam ? "spam" : "ham";
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE bayes_tokens SET " + column + " = " + column + " + 1, updated_at = ? WHERE account_id = ? AND token = ?");
             PreparedStatement in = c.prepareStatement(
                     "INSERT INTO bayes_tokens (account_id, token, spam, ham, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            for (String t : tokens) {
                if (known.contains(t)) {
                    Sql.bind(up, now, accountId, t);
                    up.addBatch();
                } else {
                    Sql.bind(in, accountId, t, spam ? 1 : 0, spam ? 0 : 1, now);
                    in.addBatch();
                }
            }
            up.executeBatch();
            in.executeBatch();
        }
        long added = tokens.size() - known.size();
        if (Sql.update(c, "UPDATE bayes_totals SET " + column + " = " + column + " + 1, tokens = tokens + ? WHERE account_id = ?",
                added, accountId) == 0) {
            Sql.update(c, "INSERT INTO bayes_totals (account_id, spam, ham, tokens) VALUES (?, ?, ?, ?)",
                    accountId, spam ? 1 : 0, spam ? 0 : 1, added);
        }
        long count = Sql.queryLong(c, 0, "SELECT tokens FROM bayes_totals WHERE account_id = ?", accountId);
        if (count > settings.maxTokens()) prune(c, accountId, count - settings.pruneTo());
    }

    /** Deletes the {@code n} least useful tokens of the account (see the class invariants). */
    private static void prune(Connection c, long accountId, long n) throws SQLException {
        int deleted = Sql.update(c, "DELETE FROM bayes_tokens WHERE account_id = ? AND token IN (SELECT token FROM bayes_tokens"
                + " WHERE account_id = ? ORDER BY spam + ham, updated_at, token LIMIT ?)", accountId, accountId, n);
        Sql.update(c, "UPDATE bayes_totals SET tokens = tokens - ? WHERE account_id = ?", deleted, accountId);
    }

    /** Those of {@code tokens} the account already has. */
    private static Set<String> known(Connection c, long accountId, Set<String> tokens) throws SQLException {
        Set<String> out = new HashSet<>();
        for (List<String> chunk : chunks(tokens)) {
            String sql = "SELECT token FROM bayes_tokens WHERE account_id = ? AND token IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, accountId);
                for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<List<String>> chunks(Set<String> tokens) {
        List<List<String>> out = new ArrayList<>();
        List<String> all = new ArrayList<>(tokens);
        for (int i = 0; i < all.size(); i += Sql.CHUNK) out.add(all.subList(i, Math.min(all.size(), i + Sql.CHUNK)));
        return out;
    }

    /** The messages trained and the rows kept for an account (zeros when it never trained). */
    public record Totals(long spam, long ham, long tokens) {
    }

    public Totals totals(long accountId) {
        return db.read(c -> {
            List<Totals> rows = Sql.list(c, rs -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                    "SELECT spam, ham, tokens FROM bayes_totals WHERE account_id = ?", accountId);
            return rows.isEmpty() ? new Totals(0, 0, 0) : rows.getFirst();
        });
    }

    /**
     * What the account's classifier learned, as the pure classifier reads it: the totals now, and
     * the counts of the tokens asked for, read when asked.
     */
    public TokenCounts counts(long accountId) {
        Totals t = totals(accountId);
        return new TokenCounts() {
            @Override
            public long hamMessages() {
                return t.ham();
            }

            @Override
            public long spamMessages() {
                return t.spam();
            }

            @Override
            public Map<String, Count> counts(Set<String> tokens) {
                return db.read(c -> {
                    Map<String, Count> out = new HashMap<>();
                    for (List<String> chunk : chunks(tokens)) {
                        String sql = "SELECT token, ham, spam FROM bayes_tokens WHERE account_id = ? AND token IN ("
                                + "?,".repeat(chunk.size() - 1) + "?)";
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setLong(1, accountId);
                            for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) out.put(rs.getString(1), new Count(rs.getLong(2), rs.getLong(3)));
                            }
                        }
                    }
                    return out;
                });
            }
        };
    }
}

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
 * What each user's Bayes classifier learned ({@code bayes_tokens}, {@code bayes_totals}, V12).
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
 *   <li>Removing the account removes both (ON DELETE CASCADE).</li>
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

    /** Trains one message of the account, as spam or as ham, from its tokens. */
    public void train(long accountId, Set<String> tokens, boolean spam) {
        long now = clock.millis();
        db.write(c -> {
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
            return null;
        });
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

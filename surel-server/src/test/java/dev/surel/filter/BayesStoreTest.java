package dev.surel.filter;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.bayes.TokenCounts;
import dev.surel.store.sql.Database;
import dev.surel.store.sql.Sql;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestStore;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bayes token store over a real data directory (SQLite): counts, totals, isolation, pruning, user removal. */
class BayesStoreTest {

    @TempDir Path dir;

    private TestStore open(String filterToml) {
        return TestServer.setup().toml("filter", filterToml).user(ALICE, "pw").user(BOB, "pw").open(dir);
    }

    @Test
    void countsEachMessageOnceAndKeepsAccountsApart() {
        try (TestStore t = open("")) {
            BayesStore b = t.services().bayes();
            long a = t.alice();
            b.train(a, Set.of("cheap", "pills", "now"), true);
            b.train(a, Set.of("cheap", "meeting"), false);
            b.train(a, Set.of("pills"), true);

            TokenCounts c = b.counts(a);
            assertThat(c.spamMessages()).isEqualTo(2);
            assertThat(c.hamMessages()).isEqualTo(1);
            assertThat(c.counts(Set.of("cheap", "pills", "meeting", "never")))
                    .isEqualTo(Map.of("cheap", new TokenCounts.Count(1, 1), "pills", new TokenCounts.Count(0, 2),
                            "meeting", new TokenCounts.Count(1, 0)));
            assertThat(b.totals(a)).isEqualTo(new BayesStore.Totals(2, 1, 4));

            TokenCounts other = b.counts(t.bob());
            assertThat(other.spamMessages()).isZero();
            assertThat(other.hamMessages()).isZero();
            assertThat(other.counts(Set.of("cheap", "pills"))).isEmpty();
        }
    }

    @Test
    void aMessageCountsOnceAndTheOppositeLessonTakesTheFirstBack() {
        try (TestStore t = open("")) {
            BayesStore b = t.services().bayes();
            long a = t.alice();
            b.train(a, Set.of("shared", "other"), false);
            assertThat(b.train(a, "hash1", Set.of("shared", "only"), true)).isEqualTo(BayesStore.Trained.NEW);
            assertThat(b.train(a, "hash1", Set.of("shared", "only"), true)).isEqualTo(BayesStore.Trained.ALREADY);
            assertThat(b.totals(a)).isEqualTo(new BayesStore.Totals(1, 1, 3));
            assertThat(b.counts(a).counts(Set.of("shared", "only")))
                    .isEqualTo(Map.of("shared", new TokenCounts.Count(1, 1), "only", new TokenCounts.Count(0, 1)));

            assertThat(b.train(a, "hash1", Set.of("shared", "only"), false)).isEqualTo(BayesStore.Trained.RETRAINED);
            assertThat(b.totals(a)).isEqualTo(new BayesStore.Totals(0, 2, 3));
            assertThat(b.counts(a).counts(Set.of("shared", "only")))
                    .isEqualTo(Map.of("shared", new TokenCounts.Count(2, 0), "only", new TokenCounts.Count(1, 0)));

            assertThat(b.train(a, "hash1", Set.of("shared", "only"), true)).isEqualTo(BayesStore.Trained.RETRAINED);
            assertThat(b.train(t.bob(), "hash1", Set.of("shared"), true)).as("per account").isEqualTo(BayesStore.Trained.NEW);
            assertThat(b.totals(a)).isEqualTo(new BayesStore.Totals(1, 1, 3));
            // a token only that message had, taken back to 0/0, goes
            b.train(a, "hash2", Set.of("lonely"), true);
            b.train(a, "hash2", Set.of("lonely"), false);
            assertThat(b.counts(a).counts(Set.of("lonely"))).containsEntry("lonely", new TokenCounts.Count(1, 0));
            assertThat(rows(t, a)).isEqualTo(b.totals(a).tokens());
        }
    }

    @Test
    void manyTokensAreReadAndWrittenInChunks() {
        try (TestStore t = open("")) {
            BayesStore b = t.services().bayes();
            Set<String> tokens = new LinkedHashSet<>();
            for (int i = 0; i < 1700; i++) tokens.add("w" + i);
            b.train(t.alice(), tokens, true);
            b.train(t.alice(), tokens, false);
            Map<String, TokenCounts.Count> got = b.counts(t.alice()).counts(tokens);
            assertThat(got).hasSize(1700);
            assertThat(got.values()).containsOnly(new TokenCounts.Count(1, 1));
            assertThat(b.totals(t.alice()).tokens()).isEqualTo(1700);
        }
    }

    @Test
    void pastTheCapTheRarestOldestTokensGo() {
        dev.surel.time.MutableClock clock = new dev.surel.time.MutableClock(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        try (TestStore t = TestServer.setup().clock(clock).toml("filter", "bayes_max_tokens = 1000").user(ALICE, "pw").open(dir)) {
            BayesStore b = t.services().bayes();
            long a = t.alice();
            Set<String> common = new LinkedHashSet<>();
            for (int i = 0; i < 100; i++) common.add("common" + i);
            b.train(a, common, true);
            b.train(a, common, true); // seen twice: kept over tokens seen once
            for (int batch = 0; batch < 5; batch++) {
                clock.advance(java.time.Duration.ofMinutes(1));
                Set<String> rare = new LinkedHashSet<>(common);
                // named so that the newest sort first: age, not the name, must decide
                for (int i = 0; i < 300; i++) rare.add("rare" + (4 - batch) + "_" + i);
                b.train(a, rare, false);
                assertThat(b.totals(a).tokens()).as("after batch " + batch).isLessThanOrEqualTo(1000);
            }
            assertThat(rows(t, a)).isEqualTo(b.totals(a).tokens());
            assertThat(b.counts(a).counts(common)).as("the frequent tokens stay").hasSize(100);
            // the newest rare tokens stay, the oldest went
            assertThat(b.counts(a).counts(Set.of("rare0_0", "rare0_299"))).hasSize(2);
            assertThat(b.counts(a).counts(Set.of("rare4_0", "rare4_299"))).isEmpty();
            assertThat(b.totals(a).spam()).isEqualTo(2);
            assertThat(b.totals(a).ham()).isEqualTo(5);
        }
    }

    @Test
    void removingTheUserRemovesWhatItsClassifierLearned() {
        try (TestStore t = open("")) {
            BayesStore b = t.services().bayes();
            long a = t.alice();
            b.train(a, Set.of("alpha", "beta"), true);
            b.train(t.bob(), Set.of("alpha"), false);
            t.directory().removeUser(ALICE);
            assertThat(rows(t, a)).isZero();
            assertThat(b.totals(a)).isEqualTo(new BayesStore.Totals(0, 0, 0));
            assertThat(b.totals(t.bob())).isEqualTo(new BayesStore.Totals(0, 1, 1));
        }
    }

    private static long rows(TestStore t, long account) {
        Database db = t.services().database();
        return db.read(c -> Sql.queryLong(c, 0, "SELECT COUNT(*) FROM bayes_tokens WHERE account_id = ?", account));
    }
}

package dev.surel.fulltext;

import static dev.surel.fulltext.Indexed.awaitMark;
import static dev.surel.fulltext.Indexed.candidates;
import static dev.surel.fulltext.Indexed.mark;
import static dev.surel.fulltext.Indexed.session;
import static dev.surel.fulltext.Indexed.uidSearch;
import static dev.surel.fulltext.Indexed.worker;
import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.protocol.imap.SearchKey;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestData;
import dev.surel.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEARCH BODY / TEXT with the full-text index over real IMAP sessions: the index narrows the
 * messages read and follows delivery and expunge; a lagging index hides nothing; a lost, corrupt
 * or outdated index is rebuilt while SEARCH answers right from the messages.
 */
class FullTextSearchTest {
    static final String PW = "alice pw";

    @TempDir Path dir;

    private TestServer start() {
        return TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PW).start(dir);
    }

    @Test
    void indexNarrowsSearchAndFollowsExpunge() throws Exception {
        try (TestServer fx = start()) {
            long a = fx.alice();
            long inbox = fx.mailbox(a, "INBOX");
            long u1 = fx.deliver(a, TestData.message("one", "the walrus and the carpenter"));
            long u2 = fx.deliver(a, TestData.message("two", "a carpenter ant"));
            long u3 = fx.deliver(a, TestData.message("three", "nothing of the sort"));
            awaitMark(fx, a, inbox, u3);

            Candidates c = candidates(fx, a, "INBOX", new SearchKey.Text("Walrus"));
            assertThat(c.all()).isFalse();
            assertThat(c.mayMatch(u1)).isTrue();
            assertThat(c.mayMatch(u2)).isFalse();
            assertThat(c.mayMatch(u3)).isFalse();
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Body("carpenter")).uids()).containsExactly(u1, u2);
            assertThat(c.answer(new SearchKey.Text("Walrus"), u1)).isTrue(); // decided without reading the message
            assertThat(c.answer(new SearchKey.Text("Walrus"), u2)).isFalse();
            assertThat(c.answer(new SearchKey.Text("Walrus"), u3 + 1)).isNull(); // not indexed (yet): read it
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Text("wa")).all()).isTrue(); // too short: read them all

            LineClient s = session(fx, ALICE, PW);
            assertThat(uidSearch(s, "TEXT walrus")).isEqualTo("* SEARCH " + u1);
            assertThat(uidSearch(s, "BODY CARPENTER")).isEqualTo("* SEARCH " + u1 + " " + u2);
            assertThat(uidSearch(s, "TEXT \"carpenter ant\"")).isEqualTo("* SEARCH " + u2);
            assertThat(uidSearch(s, "TEXT \"ant and\"")).isEqualTo("* SEARCH");
            assertThat(uidSearch(s, "NOT TEXT carpenter")).isEqualTo("* SEARCH " + u3);
            assertThat(uidSearch(s, "OR TEXT walrus SUBJECT three")).isEqualTo("* SEARCH " + u1 + " " + u3);

            assertThat(s.imap("UID STORE " + u1 + " +FLAGS.SILENT (\\Deleted)").getLast()).contains(" OK");
            assertThat(s.imap("EXPUNGE").getLast()).contains(" OK");
            TestData.await("expunged message gone from the index",
                    () -> candidates(fx, a, "INBOX", new SearchKey.Body("carpenter")).uids().length == 1);
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Body("carpenter")).uids()).containsExactly(u2);
            assertThat(uidSearch(s, "TEXT carpenter")).isEqualTo("* SEARCH " + u2);
        }
    }

    @Test
    void laggingIndexNeverHidesAMessage() throws Exception {
        try (TestServer fx = start()) {
            long a = fx.alice();
            long inbox = fx.mailbox(a, "INBOX");
            long u1 = fx.deliver(a, TestData.message("one", "marmalade sandwich"));
            awaitMark(fx, a, inbox, u1);
            LineClient s = session(fx, ALICE, PW);

            worker(fx).hold(true);
            long u2 = fx.deliver(a, TestData.message("two", "more marmalade"));
            long u3 = fx.deliver(a, TestData.message("three", "no jam"));
            assertThat(s.imap("NOOP")).contains("* 3 EXISTS");
            assertThat(mark(fx, a, inbox)).isEqualTo(u1); // the index is behind ...
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Text("marmalade")).mayMatch(u2)).isTrue();
            assertThat(uidSearch(s, "TEXT marmalade")).isEqualTo("* SEARCH " + u1 + " " + u2); // ... and hides nothing
            assertThat(uidSearch(s, "BODY jam")).isEqualTo("* SEARCH " + u3);

            worker(fx).hold(false);
            awaitMark(fx, a, inbox, u3);
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Text("marmalade")).uids()).containsExactly(u1, u2);
            assertThat(uidSearch(s, "TEXT marmalade")).isEqualTo("* SEARCH " + u1 + " " + u2);
        }
    }

    @Test
    void deletedIndexIsRebuiltAndSearchStaysRight() throws Exception {
        rebuiltAfter(fts -> deleteTree(fts));
    }

    @Test
    void corruptIndexIsRebuiltAndSearchStaysRight() throws Exception {
        rebuiltAfter(fts -> {
            try (Stream<Path> files = Files.list(fts)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) Files.write(f, "garbage".getBytes());
            }
        });
    }

    @Test
    void indexOfAnotherFormatIsRebuilt() throws Exception {
        rebuiltAfter(fts -> {
            try (FSDirectory d = FSDirectory.open(fts);
                 IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
                // an older format whose marks claim everything is indexed while holding no document of it
                String marks = org.apache.lucene.index.SegmentInfos.readLatestCommit(d).getUserData().get(IndexWorker.MARKS_KEY);
                assertThat(marks).isNotEmpty();
                w.deleteAll();
                w.setLiveCommitData(Map.of(IndexWorker.FORMAT_KEY, "surel-fts-0", IndexWorker.MARKS_KEY, marks).entrySet());
                w.commit();
            }
        });
    }

    private interface Damage {
        void apply(Path fts) throws Exception;
    }

    private void rebuiltAfter(Damage damage) throws Exception {
        try (TestServer fx = start()) {
            long a = fx.alice();
            long inbox = fx.mailbox(a, "INBOX");
            long u1 = fx.deliver(a, TestData.message("one", "periwinkle blue"));
            long u2 = fx.deliver(a, TestData.message("two", "cobalt blue"));
            awaitMark(fx, a, inbox, u2);
            Path fts = fx.config().dataDir().resolve("fts");
            fx.restart(() -> damage.apply(fts));
            LineClient s = session(fx, ALICE, PW);
            assertThat(uidSearch(s, "TEXT periwinkle")).isEqualTo("* SEARCH " + u1); // right, rebuilt yet or not
            assertThat(uidSearch(s, "BODY blue")).isEqualTo("* SEARCH " + u1 + " " + u2);
            awaitMark(fx, a, inbox, u2); // rebuilt from the store by itself
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Text("periwinkle")).uids()).containsExactly(u1);
            assertThat(uidSearch(s, "TEXT periwinkle")).isEqualTo("* SEARCH " + u1);
            long u3 = fx.deliver(a, TestData.message("three", "periwinkle again"));
            awaitMark(fx, a, inbox, u3);
            assertThat(s.imap("NOOP")).contains("* 3 EXISTS");
            assertThat(uidSearch(s, "TEXT periwinkle")).isEqualTo("* SEARCH " + u1 + " " + u3);
        }
    }

    @Test
    void indexDeletedWhileRunningIsRebuilt() throws Exception {
        try (TestServer fx = start()) {
            long a = fx.alice();
            long inbox = fx.mailbox(a, "INBOX");
            long u1 = fx.deliver(a, TestData.message("one", "saffron rice"));
            awaitMark(fx, a, inbox, u1);
            deleteTree(fx.config().dataDir().resolve("fts"));
            long u2 = fx.deliver(a, TestData.message("two", "saffron tea")); // the next commit fails: the index is built anew
            TestData.await("index rebuilt", () -> worker(fx).rebuilds() > 0 && worker(fx).generation() != null);
            LineClient s = session(fx, ALICE, PW);
            assertThat(uidSearch(s, "TEXT saffron")).isEqualTo("* SEARCH " + u1 + " " + u2);
            awaitMark(fx, a, inbox, u2);
            assertThat(candidates(fx, a, "INBOX", new SearchKey.Text("saffron")).uids()).containsExactly(u1, u2);
            assertThat(Files.exists(fx.config().dataDir().resolve("fts"))).isTrue();
        }
    }

    @Test
    void steadyDeliveriesShareRefreshes() throws Exception {
        try (TestServer fx = start()) {
            long a = fx.alice();
            long inbox = fx.mailbox(a, "INBOX");
            awaitMark(fx, a, inbox, fx.deliver(a, TestData.message("first", "warm up")));
            long before = worker(fx).refreshes();
            long started = System.nanoTime();
            long last = 0;
            for (int i = 0; i < 40; i++) { // an APPEND every 25 ms for about a second, as under a steady load
                last = fx.deliver(a, TestData.message("m" + i, "lemon curd number " + i));
                Thread.sleep(25);
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            awaitMark(fx, a, inbox, last);
            long refreshes = worker(fx).refreshes() - before;
            // one refresh per REFRESH_EVERY_MS while they come, plus the last (a refresh per step made ~40)
            assertThat(refreshes).as("refreshes for 40 deliveries over %d ms", elapsedMs)
                    .isBetween(1L, elapsedMs / IndexWorker.REFRESH_EVERY_MS + 2);
            assertThat(uidSearch(session(fx, ALICE, PW), "TEXT \"curd number 39\"")).isEqualTo("* SEARCH " + last);
        }
    }

    @Test
    void offNarrowsNothing() throws Exception {
        try (TestServer fx = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PW).toml("search", "full_text = false").start(dir)) {
            assertThat(fx.services().fullText()).isInstanceOf(FullTextIndex.Off.class);
            long u1 = fx.deliver(fx.alice(), TestData.message("one", "quince jelly"));
            assertThat(uidSearch(session(fx, ALICE, PW), "TEXT quince")).isEqualTo("* SEARCH " + u1);
            assertThat(Files.exists(fx.config().dataDir().resolve("fts"))).isFalse();
        }
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

}

package dev.surel.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.protocol.imap.SearchKey;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestData;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: a server's index, its marks, and SEARCH over a real IMAP session. */
final class Indexed {

    private Indexed() {
    }

    static IndexWorker worker(TestServer fx) {
        return ((LuceneFullText) fx.services().fullText()).worker();
    }

    /** The index's mark of the mailbox (0 when it has none or is not open). */
    static long mark(TestServer fx, long account, long mailbox) {
        return fx.services().fullText().indexedUpTo(account, mailbox);
    }

    static void awaitMark(TestServer fx, long account, long mailbox, long uid) {
        TestData.await("full-text mark of " + account + "/" + mailbox + " to reach " + uid, () -> mark(fx, account, mailbox) >= uid);
    }

    static Candidates candidates(TestServer fx, long account, String mailbox, SearchKey key) {
        long id = fx.mailbox(account, mailbox);
        long uidValidity = fx.store().mailbox(account, id).uidValidity();
        return fx.services().fullText().candidates(account, id, uidValidity, Long.MAX_VALUE, key);
    }

    /** A logged-in session with INBOX selected. */
    static LineClient session(TestServer fx, String user, String password) throws IOException {
        LineClient c = fx.connect(Endpoint.IMAP);
        assertThat(c.line()).startsWith("* OK");
        assertThat(c.imap("LOGIN \"" + user + "\" \"" + password + "\"").getLast()).contains(" OK");
        assertThat(c.imap("SELECT INBOX").getLast()).contains(" OK");
        return c;
    }

    /** {@code UID SEARCH criteria}: the UIDs as the untagged line lists them. */
    static String uidSearch(LineClient c, String criteria) throws IOException {
        List<String> r = c.imap("UID SEARCH " + criteria);
        assertThat(r.getLast()).as(String.join("\n", r)).contains(" OK");
        return r.stream().filter(l -> l.startsWith("* SEARCH")).findFirst().orElseThrow().strip();
    }

    /** A string as a literal+ (any UTF-8 text). */
    static String literal(String s) {
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + s;
    }
}

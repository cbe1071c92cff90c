package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.sql.SqlMailStore;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEARCH SUBJECT / FROM / TO / CC / BCC (RFC 9051 §6.4.4) read a blob's stored texts once per
 * server: later searches, by any session, in any mailbox holding the same blob (a COPY), take the
 * decoded texts from the server's cache and read no items from the store, with the same answers;
 * a message not cached yet is read alone.
 */
class ImapSearchTextCacheTest {

    @TempDir Path dir;

    private static long itemsRead(TestServer fx) {
        return ((SqlMailStore) fx.store()).itemsRead();
    }

    private static List<String> searches(ImapClient c) throws Exception {
        List<String> out = new ArrayList<>();
        for (String s : ImapPreparedItemsTest.SEARCHES) {
            List<String> r = c.command("SEARCH " + s);
            c.expectOk(r);
            out.add(s + " -> " + r.getFirst());
        }
        return out;
    }

    @Test
    void textsAreReadOncePerBlobAndAnswersStayTheSame() throws Exception {
        try (TestServer fx = ImapPreparedItemsTest.setup().start(dir)) {
            List<String> msgs = ImapPreparedItemsTest.messages();
            for (String m : msgs) fx.deliver(fx.alice(), m);

            ImapClient a = ImapClient.login(fx, ALICE);
            a.expectOk(a.command("SELECT INBOX"));
            long before = itemsRead(fx);
            List<String> first = searches(a);
            assertThat(itemsRead(fx) - before).as("items read by the first session's searches").isEqualTo(msgs.size());
            assertThat(first).contains("SUBJECT bench -> * SEARCH 1 6 11", "FROM \"rg m\" -> * SEARCH 2 7 12",
                    "BCC undisclosed -> * SEARCH 4 9 14", "TO two@ -> * SEARCH 4 9 14");
            a.expectOk(a.command("CREATE Other"));
            a.expectOk(a.command("COPY 1:* Other"));
            a.expectOk(a.command("LOGOUT"));

            ImapClient b = ImapClient.login(fx, ALICE);
            b.expectOk(b.command("SELECT INBOX"));
            before = itemsRead(fx);
            assertThat(searches(b)).isEqualTo(first);
            b.expectOk(b.command("SELECT Other"));
            assertThat(searches(b)).as("the copies share their blobs").isEqualTo(first);
            assertThat(itemsRead(fx) - before).as("items read by later searches").isZero();

            // a new message: only its items are read, not those of the cached ones beside it
            fx.deliver(fx.alice(), "From: New <new@example.org>\r\nSubject: bench new\r\n\r\nnew\r\n");
            b.expectOk(b.command("SELECT INBOX"));
            before = itemsRead(fx);
            List<String> r = b.command("SEARCH SUBJECT bench");
            b.expectOk(r);
            assertThat(r.getFirst()).isEqualTo("* SEARCH 1 6 11 " + (msgs.size() + 1));
            assertThat(itemsRead(fx) - before).as("items read for one new message").isEqualTo(1);
            b.expectOk(b.command("LOGOUT"));
        }
    }
}

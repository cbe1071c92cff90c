package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.sql.SqlMailStore;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FETCH ENVELOPE / BODY / BODYSTRUCTURE (RFC 9051 §7.5.2) and SEARCH SUBJECT / FROM / TO / CC / BCC
 * (RFC 9051 §6.4.4) answer from the items stored at delivery (V15 {@code blob_items}), HEADER and
 * SENT* from the stored header alone, decoding no MIME structure; a store whose messages came before V15 answers the same bytes, computing each
 * blob's items once, on first use.
 */
class ImapPreparedItemsTest {

    static final String PASSWORD = "secret-pw";

    @TempDir Path dir;

    /** Varied headers: ASCII, RFC 2047, raw UTF-8, folded, groups, several recipients, fields missing, multipart. */
    static List<String> messages() {
        List<String> variants = List.of(
                "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nFrom: Bench Load <load@bench.test>\r\nTo: fetch@bench.test\r\n"
                        + "Message-ID: <m%d@bench.test>\r\nSubject: bench %d\r\n\r\nbody %d\r\n",
                "From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <jm@example.org>\r\nSubject: =?UTF-8?Q?Caf=C3=A9?= %d\r\n"
                        + "Cc: \"Doe, Jane\" <jane@example.org>, bob@example.org (Bob Smith)\r\nX-N: %d\r\n\r\nbody %d\r\n",
                "From: José Pérez <jose@example.es>\r\nTo: Straße <strasse@example.de>\r\nSubject: Grüße aus Köln %d\r\n"
                        + "In-Reply-To: <p%d@example.es>\r\n\r\nbody %d\r\n",
                "Subject: a folded\r\n  subject %d\r\nTo: one@example.org,\r\n two@example.org\r\nBcc: undisclosed-recipients:;\r\n"
                        + "Reply-To: team: a@example.org, B <b@example.org>;\r\nX-N: %d\r\n\r\nbody %d\r\n",
                "X-Nothing: no envelope fields %d %d\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\nhallo %d\r\n--b\r\nContent-Type: application/pdf; name=\"Übersicht.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--b--\r\n");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 15; i++) out.add(variants.get(i % variants.size()).formatted(i, i, i));
        return out;
    }

    static final List<String> SEARCHES = List.of("SUBJECT bench", "SUBJECT caf", "FROM \"rg m\"", "FROM \"jose@\"", "TO strasse",
            "TO two@", "CC \"doe, jane\"", "CC smith", "BCC undisclosed", "SUBJECT \"folded subject\"", "SUBJECT \"\"",
            "OR FROM load SUBJECT \"aus k\"", "NOT TO example", "HEADER X-N 1", "SENTON 7-Dec-2026", "HEADER Content-Type mixed");

    static TestSetup setup() {
        // without the full-text index, whose background indexing decodes structures too (it would
        // make the counts below depend on when it runs)
        return TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).toml("search", "full_text = false");
    }

    private static long decoded(TestServer fx) {
        return ((SqlMailStore) fx.store()).structuresDecoded();
    }

    /** What a session sees: FETCH of every message, then each SEARCH's answer. */
    private static List<String> view(TestServer fx, boolean utf8) throws Exception {
        ImapClient c = ImapClient.login(fx, ALICE);
        if (utf8) assertThat(c.command("ENABLE UTF8=ACCEPT").getFirst()).isEqualTo("* ENABLED UTF8=ACCEPT");
        c.expectOk(c.command("SELECT INBOX"));
        List<String> out = new ArrayList<>(c.command("FETCH 1:* (ENVELOPE BODY BODYSTRUCTURE)"));
        c.expectOk(out);
        for (String s : SEARCHES) {
            List<String> r = c.command("SEARCH " + s);
            c.expectOk(r);
            out.add(s + " -> " + r.getFirst());
        }
        c.expectOk(c.command("LOGOUT"));
        return out;
    }

    @Test
    void fetchAndSearchDecodeNoStructure() throws Exception {
        try (TestServer fx = setup().start(dir)) {
            List<String> msgs = messages();
            for (String m : msgs) fx.deliver(fx.alice(), m);
            long before = decoded(fx);
            List<String> plain = view(fx, false);
            List<String> utf8 = view(fx, true);
            assertThat(decoded(fx)).as("structures decoded by FETCH ENVELOPE/BODY/BODYSTRUCTURE and SEARCH on address/subject keys")
                    .isEqualTo(before);

            assertThat(plain.stream().filter(l -> l.matches("\\* \\d+ FETCH .*")).count()).isEqualTo(msgs.size());
            assertThat(plain).contains("SUBJECT bench -> * SEARCH 1 6 11", "FROM \"rg m\" -> * SEARCH 2 7 12",
                    "BCC undisclosed -> * SEARCH 4 9 14", "TO two@ -> * SEARCH 4 9 14");
            String all = String.join("\n", plain);
            assertThat(all.chars()).as("no raw 8-bit without UTF8=ACCEPT").allMatch(ch -> ch < 0x80);
            assertThat(String.join("\n", utf8)).contains("Gr\u00c3\u00bc\u00c3\u009fe aus K\u00c3\u00b6ln"); // UTF-8 octets read as Latin-1
            assertThat(utf8).isNotEqualTo(plain);

            assertThat(plain).contains("HEADER X-N 1 -> * SEARCH 2 12 14", // X-N: 1, 11, 13
                    "SENTON 7-Dec-2026 -> * SEARCH 1 6 11", "HEADER Content-Type mixed -> * SEARCH 5 10 15");

            // a key that needs the body reads the structure, and the counter sees it
            ImapClient c = ImapClient.login(fx, ALICE);
            c.expectOk(c.command("SELECT INBOX"));
            List<String> r = c.command("SEARCH BODY hallo");
            c.expectOk(r);
            assertThat(r.getFirst()).isEqualTo("* SEARCH 5 10 15");
            assertThat(decoded(fx) - before).isEqualTo(msgs.size());
        }
    }

    @Test
    void storeFromBeforeV15AnswersTheSameAndFillsItsItemsOnce() throws Exception {
        List<String> plain;
        List<String> utf8;
        int n = messages().size();
        try (TestServer fx = setup().start(dir)) {
            for (String m : messages()) fx.deliver(fx.alice(), m);
            ImapClient c = ImapClient.login(fx, ALICE);
            c.expectOk(c.command("SELECT INBOX"));
            c.expectOk(c.command("COPY 1:3 INBOX")); // copies share their blob and its items
            c.expectOk(c.command("LOGOUT"));
            plain = view(fx, false);
            utf8 = view(fx, true);
        }
        // the data as a Surel before V15 left it: no blob_items, schema at 14
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/surel.db"));
             Statement st = db.createStatement()) {
            st.executeUpdate("DROP TABLE blob_items");
            assertThat(st.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '15'")).isEqualTo(1);
        }
        try (TestServer fx = setup().start(dir)) {
            assertThat(itemRows()).isZero();
            assertThat(view(fx, false)).isEqualTo(plain);
            assertThat(decoded(fx)).as("each blob's structure decoded once to compute its items").isEqualTo(n);
            assertThat(itemRows()).isEqualTo(n);
            assertThat(view(fx, true)).isEqualTo(utf8);
            assertThat(view(fx, false)).isEqualTo(plain);
            assertThat(decoded(fx)).as("later readers use the stored items").isEqualTo(n);
        }
    }

    private long itemRows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/surel.db"));
             Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM blob_items")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

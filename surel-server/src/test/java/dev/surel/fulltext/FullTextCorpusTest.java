package dev.surel.fulltext;

import static dev.surel.fulltext.Indexed.awaitMark;
import static dev.surel.fulltext.Indexed.candidates;
import static dev.surel.fulltext.Indexed.literal;
import static dev.surel.fulltext.Indexed.session;
import static dev.surel.fulltext.Indexed.uidSearch;
import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.protocol.imap.SearchKey;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index changes no answer (RFC 9051 §6.4.4): the same varied corpus (multipart, base64,
 * quoted-printable, ISO-8859-1 and UTF-8, HTML, an attached message, a binary attachment, final
 * sigma and ß, emoji (surrogate pairs), text across part boundaries, a message with more text than is indexed) goes to a
 * server with the index and one without ({@code full_text = false}), and hundreds of SEARCH
 * programs over BODY / TEXT (alone, ANDed, ORed, negated, with other keys) get the same UIDs
 * from both, while the index did narrow most of them.
 */
class FullTextCorpusTest {
    static final String PW = "alice pw";

    @TempDir Path dir;

    static List<String> corpus() {
        List<String> m = new ArrayList<>();
        m.add(msg("plain", "text/plain; charset=us-ascii", "7bit", "The quick brown fox jumps over the lazy dog.\nSecond line: carpenter."));
        m.add("From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\nSubject: =?UTF-8?Q?Stra=C3=9Fe?= und Weg\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGrüße aus München, STRASSE frei.\n");
        m.add(msg("latin1 base64", "text/plain; charset=iso-8859-1", "base64",
                Base64.getMimeEncoder().encodeToString("Grüße über Zürich, Ærø".getBytes(StandardCharsets.ISO_8859_1))));
        m.add(msg("qp", "text/plain; charset=utf-8", "quoted-printable",
                "caf=C3=A9 cr=C3=A8me br=C3=BBl=C3=A9e and a long=\nword split by a soft break"));
        m.add("Subject: alternative\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\n"
                + "Content-Type: text/plain\n\nHello World and friends\n--b1\nContent-Type: text/html\n\n"
                + "<html><body><p>Hello <b>World</b> &amp; friends</p><script>var hidden = 1;</script></body></html>\n--b1--\n");
        m.add("Subject: forwarded\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b2\"\n\n--b2\nContent-Type: text/plain\n\n"
                + "see the attached message abc\n--b2\nContent-Type: message/rfc822\n\nSubject: inner secret\nFrom: x@example.org\n\n"
                + "def inner body with walrus\n--b2\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString("binary fox carpenter".getBytes(StandardCharsets.US_ASCII)) + "\n--b2--\n");
        m.add(msg("greek", "text/plain; charset=utf-8", "8bit", "ΟΔΥΣΣΕΥΣ came home; οδυσσευς rested. İstanbul ıi"));
        m.add(msg("empty", "text/plain", "7bit", ""));
        m.add("Subject: header only\nX-Custom: uniqueheaderword here\n\nshort\n");
        m.add("Subject: parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b3\"\n\n--b3\nContent-Type: text/plain\n\nends with xyz\n"
                + "--b3\nContent-Type: text/plain\n\nqrs starts this\n--b3--\n");
        m.add(msg("emoji", "text/plain; charset=utf-8", "8bit", "emoji ab\uD83D\uDE03cd smile \uD83D\uDE00 grin"));
        StringBuilder big = new StringBuilder();
        while (big.length() < MessageDocument.MAX_CHARS + 50_000) big.append("filler words go here ").append(big.length()).append('\n');
        m.add(msg("big", "text/plain", "7bit", big + "needleattheend walrus"));
        Random r = new Random(16);
        String[] words = {"apple", "apricot", "banana", "band", "bandana", "can", "canal", "candle", "walrus", "wall", "fox", "foxglove"};
        for (int i = 0; i < 30; i++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < 8; w++) b.append(words[r.nextInt(words.length)]).append(r.nextInt(4) == 0 ? "\n" : " ");
            m.add(msg("random " + words[r.nextInt(words.length)], "text/plain", "7bit", b.toString()));
        }
        return m;
    }

    private static String msg(String subject, String type, String encoding, String body) {
        return "From: Carol <carol@example.org>\nSubject: " + subject + "\nMIME-Version: 1.0\nContent-Type: " + type
                + "\nContent-Transfer-Encoding: " + encoding + "\n\n" + body + "\n";
    }

    static List<String> needles() {
        Set<String> n = new LinkedHashSet<>(List.of("fox", "quick brown", "QUICK BROWN FOX", "lazy dogs", "dog.", "carpenter",
                "straße", "STRASSE", "strasse frei", "grüße", "GRÜSSE", "zürich", "ærø", "crème", "longword", "long word", "hello world",
                "world & friends", "world and", "hidden", "inner secret", "walrus", "def inner", "abcdef", "abc", "jürgen",
                "ΟΔΥΣΣΕΥΣ", "οδυσσευς", "οδυσσευσ", "istanbul", "i̇stanbul", "ıi", "needleattheend", "uniqueheaderword", "x-custom: unique",
                "xyz", "xyzqrs", "xyz qrs", "ends with xyz", "binary", "ab", "a", "", "ap", "band", "bandana", "banan", "can", "canal c",
                "candle", "apple apricot", "wall", "walrusw", "subject: random", "random fox", "filler words go here 1000",
                "foxglove\nwall", "aaaaaaa", "e",
                "xyzs s", "xyz\nqrs", "ab\uD83D\uDE00cd", "ab\uD83D\uDE03cd", "\uD83D\uDE00 grin", "smile \uD83D\uDE00"));
        n.add("filler words go here ".repeat(12)); // longer than a phrase's terms
        return List.copyOf(n);
    }

    @Test
    void indexedAndScannedAnswersAreTheSame() throws Exception {
        try (TestServer indexed = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PW).start(dir.resolve("indexed"));
             TestServer scanned = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PW).toml("search", "full_text = false")
                     .start(dir.resolve("scanned"))) {
            long last = 0;
            for (String m : corpus()) {
                last = indexed.deliver(indexed.alice(), m);
                assertThat(scanned.deliver(scanned.alice(), m)).isEqualTo(last);
            }
            awaitMark(indexed, indexed.alice(), indexed.mailbox(indexed.alice(), "INBOX"), last);
            LineClient a = session(indexed, ALICE, PW);
            LineClient b = session(scanned, ALICE, PW);
            assertThat(a.imap("UID STORE 1:5 +FLAGS.SILENT (\\Seen)").getLast()).contains(" OK");
            assertThat(b.imap("UID STORE 1:5 +FLAGS.SILENT (\\Seen)").getLast()).contains(" OK");

            List<String> needles = needles();
            List<String> programs = new ArrayList<>();
            for (String n : needles) {
                programs.add("CHARSET UTF-8 TEXT " + literal(n));
                programs.add("CHARSET UTF-8 BODY " + literal(n));
                programs.add("CHARSET UTF-8 NOT TEXT " + literal(n));
                programs.add("CHARSET UTF-8 SEEN TEXT " + literal(n));
            }
            Random r = new Random(7);
            for (int i = 0; i < 150; i++) {
                String x = needles.get(r.nextInt(needles.size()));
                String y = needles.get(r.nextInt(needles.size()));
                programs.add(switch (i % 4) {
                    case 0 -> "CHARSET UTF-8 TEXT " + literal(x) + " BODY " + literal(y);
                    case 1 -> "CHARSET UTF-8 OR TEXT " + literal(x) + " BODY " + literal(y);
                    case 2 -> "CHARSET UTF-8 OR TEXT " + literal(x) + " SUBJECT " + literal(y);
                    default -> "CHARSET UTF-8 UID 3:* (TEXT " + literal(x) + " NOT BODY " + literal(y) + ")";
                });
            }
            int nonEmpty = 0;
            for (String p : programs) {
                String want = uidSearch(b, p);
                assertThat(uidSearch(a, p)).as(p).isEqualTo(want);
                if (!want.equals("* SEARCH")) nonEmpty++;
            }
            assertThat(nonEmpty).as("programs with matches").isGreaterThan(100);

            int narrowed = 0;
            for (String n : needles) {
                Candidates c = candidates(indexed, indexed.alice(), "INBOX", new SearchKey.Text(n));
                if (!c.all()) narrowed++;
            }
            assertThat(narrowed).as("needles the index narrowed").isGreaterThan(needles.size() * 3 / 4);
            Candidates walrus = candidates(indexed, indexed.alice(), "INBOX", new SearchKey.Text("needleattheend"));
            assertThat(walrus.all()).isFalse();
            assertThat(walrus.uids()).as("only the message with more text than is indexed").hasSize(1);
        }
    }
}

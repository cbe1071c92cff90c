package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 3516 (BINARY) and RFC 6855 (UTF8=ACCEPT) over a real socket. Response lines arrive as
 * ISO-8859-1 text (one char per octet, see {@link ImapClient#line()}), so byte-exact checks
 * compare against {@link #latin1} of the expected octets.
 */
class ImapBinaryUtf8Test {
    static final String PASSWORD = "secret";

    /** Part 1 quoted-printable text, 2 base64 with NUL octets, 3 an unknown encoding, 4 message/rfc822. */
    static final String MULTIPART = """
            From: Carol <carol@example.org>\r
            To: alice@example.test\r
            Subject: binary parts\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Gr=C3=BC=C3=9Fe, caf=C3=A9=\r
             soft\r
            --b1\r
            Content-Type: application/octet-stream\r
            Content-Transfer-Encoding: base64\r
            \r
            AAECAwD/\r
            --b1\r
            Content-Type: application/x-thing\r
            Content-Transfer-Encoding: x-uuencode\r
            \r
            begin 644 x\r
            --b1\r
            Content-Type: message/rfc822\r
            \r
            Subject: inner\r
            \r
            inner body\r
            --b1--\r
            """;

    static final byte[] PART2 = {0, 1, 2, 3, 0, (byte) 0xff};

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        srv.deliver(srv.alice(), "INBOX", MULTIPART);
        srv.deliver(srv.alice(), "INBOX", "Subject: single\r\nContent-Transfer-Encoding: BASE64\r\n\r\naGVsbG8Ad29ybGQ=\r\n");
        srv.recentTaken(srv.alice(), "INBOX");
        c = ImapClient.login(srv, "alice");
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static String utf8(String wireLine) {
        return new String(wireLine.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void binaryFetchDecodesParts() throws Exception {
        c.expectOk(c.command("SELECT INBOX"));
        // RFC 3516 §4.2: base64 decoded; NUL octets: literal8
        assertThat(c.command("FETCH 1 (BINARY.SIZE[2] BINARY.PEEK[2])").getFirst())
                .isEqualTo("* 1 FETCH (BINARY.SIZE[2] 6 BINARY[2] ~{6}\n" + latin1(PART2) + ")");
        // quoted-printable decoded (soft line break gone); no NUL: a plain literal; BINARY sets \Seen
        byte[] text = "Grüße, café soft".getBytes(StandardCharsets.UTF_8);
        List<String> r = c.command("FETCH 1 (BINARY[1])");
        assertThat(r.getFirst()).isEqualTo("* 1 FETCH (BINARY[1] {" + text.length + "}\n" + latin1(text) + " FLAGS (\\Seen))");
        assertThat(c.command("FETCH 1 BINARY.SIZE[1]").getFirst()).isEqualTo("* 1 FETCH (BINARY.SIZE[1] " + text.length + ")");
        // partials count decoded octets; literal8 only when the slice holds NUL
        assertThat(c.command("FETCH 1 BINARY.PEEK[2]<4.10>").getFirst()).isEqualTo("* 1 FETCH (BINARY[2]<4> ~{2}\n" + latin1(new byte[] {0, (byte) 0xff}) + ")");
        assertThat(c.command("FETCH 1 BINARY.PEEK[2]<1.2>").getFirst()).isEqualTo("* 1 FETCH (BINARY[2]<1> {2}\n\u0001\u0002)");
        assertThat(c.command("FETCH 1 BINARY.PEEK[2]<40.2>").getFirst()).isEqualTo("* 1 FETCH (BINARY[2]<40> {0}\n)");
        // message/rfc822 part: its body as stored; a part the message does not have: NIL
        String inner = "Subject: inner\r\n\r\ninner body";
        assertThat(c.command("FETCH 1 (BINARY.PEEK[4] BINARY.SIZE[4])").getFirst())
                .isEqualTo("* 1 FETCH (BINARY[4] {" + inner.length() + "}\n" + inner + " BINARY.SIZE[4] " + inner.length() + ")");
        assertThat(c.command("FETCH 1 (BINARY.PEEK[9] BINARY.SIZE[9])").getFirst()).isEqualTo("* 1 FETCH (BINARY[9] NIL BINARY.SIZE[9] NIL)");
        // BINARY[] is the whole message as stored
        int size = MULTIPART.getBytes(StandardCharsets.US_ASCII).length;
        assertThat(c.command("FETCH 1 (BINARY.SIZE[] RFC822.SIZE)").getFirst()).isEqualTo("* 1 FETCH (BINARY.SIZE[] " + size + " RFC822.SIZE " + size + ")");
        assertThat(c.command("FETCH 1 BINARY.PEEK[]").getFirst()).isEqualTo("* 1 FETCH (BINARY[] {" + size + "}\n" + MULTIPART + ")");
        // a single-part message: part 1 is its body, decoded with the top-level encoding (case-insensitive)
        assertThat(c.command("UID FETCH 2 BINARY.PEEK[1]").getFirst()).isEqualTo("* 2 FETCH (UID 2 BINARY[1] ~{11}\nhello\u0000world)");
    }

    @Test
    void unknownTransferEncodingIsNoUnknownCte() throws Exception {
        c.expectOk(c.command("SELECT INBOX"));
        // RFC 3516 §4.3
        assertThat(ImapClient.tagged(c.command("FETCH 1 BINARY.PEEK[3]"))).startsWith("NO [UNKNOWN-CTE]");
        List<String> r = c.command("FETCH 1 (FLAGS BINARY.SIZE[3])");
        assertThat(r).hasSize(1);
        assertThat(ImapClient.tagged(r)).startsWith("NO [UNKNOWN-CTE]");
        // BODY[3] still works: the raw content
        assertThat(c.command("FETCH 1 BODY.PEEK[3]").getFirst()).isEqualTo("* 1 FETCH (BODY[3] {11}\nbegin 644 x)");
    }

    @Test
    void appendLiteral8MayCarryNulAPlainLiteralMayNot() throws Exception {
        byte[] msg = "Subject: nul\r\nContent-Transfer-Encoding: binary\r\n\r\na\u0000b\r\n".getBytes(StandardCharsets.ISO_8859_1);
        // RFC 3516 §4.4: literal8 in APPEND
        c.send("A1 APPEND INBOX ~{" + msg.length + "+}\r\n");
        c.sendBytes(msg);
        c.send("\r\n");
        assertThat(ImapClient.tagged(c.until("A1 .*"))).matches("OK \\[APPENDUID \\d+ 3] APPEND completed");
        // a NUL octet in a plain literal is not allowed (RFC 9051 §4.3 CHAR8)
        c.send("A2 APPEND INBOX {" + msg.length + "+}\r\n");
        c.sendBytes(msg);
        c.send("\r\n");
        assertThat(ImapClient.tagged(c.until("A2 .*"))).startsWith("BAD");
        c.expectOk(c.command("SELECT INBOX"));
        assertThat(c.command("FETCH 3 (RFC822.SIZE BINARY.PEEK[1])").getFirst())
                .isEqualTo("* 3 FETCH (RFC822.SIZE " + msg.length + " BINARY[1] ~{5}\na\u0000b\r\n)");
        // the APPEND limit applies to a literal8 too
        List<String> big = c.command("APPEND INBOX ~{999999999999}");
        assertThat(ImapClient.tagged(big)).startsWith("NO [TOOBIG]");
    }

    @Test
    void utf8AcceptNamesAppendAndSearch() throws Exception {
        String msg = "From: Jörg <j@example.org>\r\nSubject: Grüße\r\n\r\nhallo\r\n";
        int octets = msg.getBytes(StandardCharsets.UTF_8).length;
        // RFC 6855 §4: APPEND UTF8 before ENABLE is BAD
        c.send("A1 APPEND INBOX UTF8 (~{" + octets + "+}\r\n" + msg + ")\r\n");
        assertThat(ImapClient.tagged(c.until("A1 .*"))).startsWith("BAD");
        assertThat(c.command("ENABLE UTF8=ACCEPT")).first().isEqualTo("* ENABLED UTF8=ACCEPT");
        c.send("A2 APPEND INBOX UTF8 (~{" + octets + "+}\r\n" + msg + ")\r\n");
        assertThat(ImapClient.tagged(c.until("A2 .*"))).matches("OK \\[APPENDUID \\d+ 3] APPEND completed");
        // RFC 6855 §3: mailbox names are UTF-8 in commands and responses, no modified UTF-7
        c.expectOk(c.command("CREATE \"Bücher/Übersicht\""));
        assertThat(c.command("LIST \"\" \"B*\"").stream().map(ImapBinaryUtf8Test::utf8).toList())
                .anyMatch(l -> l.startsWith("* LIST (\\HasChildren) \"/\"") && l.endsWith("Bücher"))
                .anyMatch(l -> l.endsWith("Bücher/Übersicht"));
        assertThat(c.command("LSUB \"\" \"*\"")).isNotEmpty();
        assertThat(utf8(c.command("STATUS \"Bücher/Übersicht\" (MESSAGES)").getFirst())).endsWith("Bücher/Übersicht (MESSAGES 0)");
        c.expectOk(c.command("SELECT \"Bücher/Übersicht\""));
        c.sendBytes(new byte[] {'B', '1', ' ', 'C', 'R', 'E', 'A', 'T', 'E', ' ', '"', 'B', (byte) 0xfc, '"', '\r', '\n'}); // Latin-1, not UTF-8
        assertThat(ImapClient.tagged(c.until("B1 .*"))).startsWith("NO [CANNOT]");
        c.expectOk(c.command("SELECT INBOX"));
        // 8-bit header text in ENVELOPE goes as UTF-8
        String env = utf8(c.command("FETCH 3 ENVELOPE").getFirst());
        assertThat(env).contains("Grüße").contains("Jörg").doesNotContain("=?");
        // RFC 6855 §3: no CHARSET in SEARCH after ENABLE UTF8=ACCEPT; UTF-8 search strings work
        assertThat(ImapClient.tagged(c.command("SEARCH CHARSET UTF-8 SUBJECT x"))).startsWith("BAD");
        assertThat(c.command("SEARCH SUBJECT \"grüße\"")).contains("* SEARCH 3");

        // a session without ENABLE keeps modified UTF-7 names and encoded words
        try (ImapClient old = ImapClient.login(srv, "alice")) {
            assertThat(old.command("LIST \"\" \"B*\"")).contains("* LIST (\\HasNoChildren) \"/\" \"B&APw-cher/&ANw-bersicht\"");
            old.expectOk(old.command("SELECT INBOX"));
            assertThat(old.command("FETCH 3 ENVELOPE").getFirst()).contains("=?").doesNotContain("Gr\u00c3");
        }
    }

    @Test
    void imap4rev2KeepsUtf8NamesWithAndWithoutUtf8Accept() throws Exception {
        assertThat(c.command("ENABLE IMAP4rev2 UTF8=ACCEPT")).first().isEqualTo("* ENABLED IMAP4rev2 UTF8=ACCEPT");
        c.expectOk(c.command("CREATE \"Entwürfe\""));
        assertThat(c.command("LIST \"\" \"Entw*\"").stream().map(ImapBinaryUtf8Test::utf8).toList())
                .anyMatch(l -> l.endsWith("Entwürfe"));
        assertThat(srv.store().listMailboxes(srv.alice())).extracting(m -> m.name()).contains("Entwürfe");
    }
}

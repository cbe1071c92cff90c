package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NUL octets and literal8 (RFC 9051 §4.3, RFC 3516 §4.2, §4.4). A literal8 APPEND is stored byte
 * for byte, so a binary part keeps its bare LFs (BINARY.SIZE and BINARY[] give back exactly what
 * was sent); an ordinary literal keeps being stored in canonical CRLF form. An ordinary literal
 * never carries NUL: BODY[...], RFC822* send a stored NUL as 0x80 (Dovecot 2.3.19 does the same;
 * checked by hand), only BINARY sends the NUL itself, in a literal8. Response lines arrive as
 * ISO-8859-1 text (one char per octet, see {@link ImapClient#line()}).
 */
class ImapLiteral8AndNulTest {
    static final String PASSWORD = "secret";

    /** Seven octets with a NUL, two bare LFs, a bare CR and an 8-bit octet. */
    static final byte[] BINARY = {'a', 0, '\n', 'b', '\n', '\r', (byte) 0xff};

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.login(srv, "alice");
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLiteral8AppendIsStoredByteForByte() throws Exception {
        byte[] head = ascii("From: a@example.org\r\nSubject: bin\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n");
        byte[] msg = concat(head, BINARY);
        String t = c.nextTag();
        c.sendBytes(concat(ascii(t + " APPEND INBOX ~{" + msg.length + "+}\r\n"), msg, ascii("\r\n")));
        assertThat(c.until(t + " .*").getLast()).matches(t + " OK \\[APPENDUID \\d+ 1] APPEND completed");
        c.expectOk(c.command("SELECT INBOX"));
        // RFC 3516 §4.3: the decoded size is what was sent, not 9 (bare LF turned into CRLF)
        assertThat(c.command("FETCH 1 (BINARY.SIZE[1] RFC822.SIZE)").getFirst())
                .isEqualTo("* 1 FETCH (BINARY.SIZE[1] 7 RFC822.SIZE " + msg.length + ")");
        assertThat(c.command("FETCH 1 BINARY.PEEK[1]").getFirst()).isEqualTo("* 1 FETCH (BINARY[1] ~{7}\n" + latin1(BINARY) + ")");
        assertThat(c.command("FETCH 1 BINARY.PEEK[]").getFirst()).isEqualTo("* 1 FETCH (BINARY[] ~{" + msg.length + "}\n" + latin1(msg) + ")");
        // an ordinary literal: the same octets with 0x80 for the NUL (RFC 9051 §4.3)
        byte[] noNul = BINARY.clone();
        noNul[1] = (byte) 0x80;
        assertThat(c.command("FETCH 1 BODY.PEEK[1]").getFirst()).isEqualTo("* 1 FETCH (BODY[1] {7}\n" + latin1(noNul) + ")");
        assertThat(c.command("FETCH 1 BODY.PEEK[]").getFirst()).isEqualTo("* 1 FETCH (BODY[] {" + msg.length + "}\n" + latin1(concat(head, noNul)) + ")");
        // the store holds exactly what was sent
        try (var in = srv.store().open(srv.alice(), srv.store().mailbox(srv.alice(), "INBOX").id(), 1)) {
            assertThat(in.in().readAllBytes()).isEqualTo(msg);
        }
        // an ordinary literal is still stored in canonical CRLF form (RFC 9051 §6.3.12)
        String plain = "Subject: plain\n\nline one\nline two\n";
        c.expectOk(c.command("APPEND INBOX {" + plain.length() + "+}\r\n" + plain));
        String crlf = plain.replace("\n", "\r\n");
        assertThat(c.command("FETCH 2 (RFC822.SIZE BODY.PEEK[])").getFirst())
                .isEqualTo("* 2 FETCH (RFC822.SIZE " + crlf.length() + " BODY[] {" + crlf.length() + "}\n" + crlf + ")");
    }

    @Test
    void aStoredNulNeverTravelsInAnOrdinaryLiteral() throws Exception {
        byte[] msg = concat(ascii("From: a@example.org\r\nSubject: nul\r\nX-Odd: a"), new byte[] {0}, ascii("b\r\n"
                + "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\nab"), new byte[] {0}, ascii("cd\r\n"));
        long inbox = srv.store().mailbox(srv.alice(), "INBOX").id();
        srv.store().append(srv.alice(), inbox, dev.surel.store.NewMessage.of(new java.io.ByteArrayInputStream(msg)));
        c.expectOk(c.command("SELECT INBOX"));
        List<String> items = List.of("BODY.PEEK[]", "BODY.PEEK[1]", "BODY.PEEK[TEXT]", "BODY.PEEK[HEADER]", "BODY.PEEK[]<40.40>",
                "BODY.PEEK[HEADER.FIELDS (X-Odd)]", "BODY.PEEK[HEADER.FIELDS.NOT (Subject)]", "RFC822", "RFC822.TEXT", "RFC822.HEADER");
        for (String item : items) {
            String line = c.command("FETCH 1 " + item).getFirst();
            assertThat(line).as(item).startsWith("* 1 FETCH (").doesNotContain("\u0000").contains("\u0080");
        }
        assertThat(c.command("FETCH 1 BODY.PEEK[1]").getFirst()).isEqualTo("* 1 FETCH (BODY[1] {7}\nab\u0080cd\r\n)");
        // BINARY is where the octets themselves go, as a literal8 (RFC 3516 §4.2)
        assertThat(c.command("FETCH 1 BINARY.PEEK[1]").getFirst()).isEqualTo("* 1 FETCH (BINARY[1] ~{7}\nab\u0000cd\r\n)");
    }
}

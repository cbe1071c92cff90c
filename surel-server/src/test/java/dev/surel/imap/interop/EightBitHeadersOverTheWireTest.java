package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8-bit header text (raw UTF-8, and Latin-1 bytes that are not valid UTF-8) never appears raw in
 * a quoted string of ENVELOPE or BODYSTRUCTURE (issue 5; RFC 3501 §4.3, RFC 9051 §4.3): outside
 * literals every response octet is 7-bit, and the text arrives RFC 2047-encoded.
 */
class EightBitHeadersOverTheWireTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    @Test
    void eightBitHeadersAreEncodedNeverQuotedRaw() throws Exception {
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir); RawImap c = new RawImap(fx.port(Endpoint.IMAP))) {
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            m.write("Subject: Grüße aus Köln\r\nFrom: ".getBytes(StandardCharsets.UTF_8));
            m.write("Jos\u00e9 <jose@example.org>".getBytes(StandardCharsets.ISO_8859_1)); // 0xE9 alone: invalid UTF-8
            m.write(("\r\nContent-Type: text/plain; charset=utf-8; name=\"Übersicht.txt\"\r\n"
                    + "Content-Description: Zusammenfassung für Jörg\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] msg = m.toByteArray();
            assertThat(c.line()).startsWith("* OK");
            assertThat(c.command("LOGIN \"" + ALICE + "\" \"" + PASSWORD + "\"").getLast()).contains(" OK");
            String t = c.nextTag();
            OutputStream out = c.out();
            out.write((t + " APPEND INBOX {" + msg.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(msg);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(c.readUntil(t, in -> { }).getLast()).contains(" OK");
            assertThat(c.command("SELECT INBOX").getLast()).contains(" OK");

            List<byte[]> literals = new ArrayList<>();
            List<String> lines = c.command("FETCH 1 (ENVELOPE BODYSTRUCTURE)", in -> {
                try {
                    literals.add(in.readAllBytes());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String all = String.join("\n", lines);
            assertThat(all.chars()).as(all).allMatch(ch -> ch < 0x80);
            assertThat(all).contains("\"=?UTF-8?").doesNotContain("Grüße");
            for (byte[] lit : literals) {
                String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(lit)).toString(); // throws if invalid
                assertThat(text).isNotNull();
            }
            String decoded = org.apache.james.mime4j.codec.DecoderUtil.decodeEncodedWords(all,
                    org.apache.james.mime4j.codec.DecodeMonitor.SILENT);
            assertThat(decoded).contains("Grüße aus Köln").contains("José").contains("Zusammenfassung für Jörg")
                    .contains("Übersicht.txt");
        }
    }
}

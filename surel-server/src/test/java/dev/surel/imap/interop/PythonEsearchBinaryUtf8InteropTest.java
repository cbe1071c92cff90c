package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code imaplib} against the issue 7 extensions of this slice: SEARCH RETURN (RFC 4731)
 * read back as the ESEARCH response, SEARCH RETURN (SAVE) and FETCH $ (RFC 5182), FETCH
 * BINARY.PEEK of a base64 attachment compared byte for byte (RFC 3516), ENABLE UTF8=ACCEPT and
 * a UTF-8 mailbox name in CREATE, LIST, STATUS and SELECT (RFC 6855).
 *
 * <p>imaplib (3.11) wraps an APPEND after ENABLE UTF8=ACCEPT wrongly (it puts {@code UTF8 (}
 * inside the literal), so the script appends before it enables.
 */
class PythonEsearchBinaryUtf8InteropTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    static final String SCRIPT = """
            import imaplib, sys
            from email.mime.multipart import MIMEMultipart
            from email.mime.text import MIMEText
            from email.mime.application import MIMEApplication
            port, user, pw, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
            data = open(src, "rb").read()
            m = imaplib.IMAP4("127.0.0.1", port)
            print("caps", " ".join(sorted(m.capabilities)))
            m.login(user, pw)
            msg = MIMEMultipart()
            msg["Subject"] = "attachment"
            msg.attach(MIMEText("see the attachment"))
            msg.attach(MIMEApplication(data, Name="blob.bin"))
            for i in range(3):
                print("append", m.append("INBOX", "(\\\\Flagged)" if i != 1 else None, None, msg.as_bytes())[0])
            typ, d = m.enable("UTF8=ACCEPT")
            print("enable", typ, m.response("ENABLED")[1])
            print("create", m.create('"Bücher/Übersicht"'))
            typ, boxes = m.list('""', '"B*"')
            names = [b[1].decode("utf-8") for b in boxes if isinstance(b, tuple)]
            print("list", typ, " | ".join(names))
            typ, st = m.status('"Bücher/Übersicht"', "(MESSAGES)")
            print("status", typ, "".join(s[1].decode("utf-8") if isinstance(s, tuple) else s.decode() for s in st))
            print("selectutf8", m.select('"Bücher/Übersicht"')[0])
            print("select", m.select("INBOX"))
            typ, d = m.uid("SEARCH", "RETURN", "(MIN MAX COUNT ALL)", "ALL")
            print("esearch", typ, m.response("ESEARCH")[1])
            typ, d = m.search(None, "RETURN", "(COUNT)", "FLAGGED")
            print("esearch-count", typ, m.response("ESEARCH")[1])
            typ, d = m.search(None, "RETURN", "(SAVE)", "FLAGGED")
            print("save", typ, d, m.response("ESEARCH")[1])
            typ, d = m.fetch("$", "(UID)")
            print("fetch-saved", typ, d)
            typ, d = m.uid("FETCH", "2", "(BINARY.SIZE[2] BINARY.PEEK[2])")
            head, body = d[0]
            print("binary-head", head.decode())
            open(dst, "wb").write(body)
            print("binary-equal", body == data)
            print("logout", m.logout()[0])
            """;

    @Test
    void imaplibEsearchSaveBinaryUtf8() throws Exception {
        Tools.require("python3", "python3");
        byte[] attachment = new byte[5000];
        new Random(7).nextBytes(attachment);
        attachment[0] = 0;
        attachment[4999] = 0;
        Path src = dir.resolve("blob.bin");
        Path dst = dir.resolve("fetched.bin");
        Files.write(src, attachment);
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir)) {
            Tools.Result r = Tools.run(List.of("python3", "-c", SCRIPT, String.valueOf(fx.port(Endpoint.IMAP)), ALICE, PASSWORD,
                    src.toString(), dst.toString()), Map.of("PYTHONIOENCODING", "utf-8"), null, dir, 60);
            assertThat(r.exit()).as(r.toString()).isZero();
            String out = r.out();
            assertThat(out).contains("ESEARCH").contains("SEARCHRES").contains("BINARY").contains("UTF8=ACCEPT");
            assertThat(out).contains("enable OK [b'UTF8=ACCEPT']");
            assertThat(out).contains("list OK Bücher | Bücher/Übersicht");
            assertThat(out).contains("status OK Bücher/Übersicht (MESSAGES 0)");
            assertThat(out).contains("selectutf8 OK");
            assertThat(out).containsPattern("esearch OK \\[b'\\(TAG \"[A-Z]+\\d+\"\\) UID MIN 1 MAX 3 ALL 1:3 COUNT 3']");
            assertThat(out).containsPattern("esearch-count OK \\[b'\\(TAG \"[A-Z]+\\d+\"\\) COUNT 2']");
            assertThat(out).contains("save OK [None] [None]"); // SAVE alone: no SEARCH, no ESEARCH response
            assertThat(out).contains("fetch-saved OK [b'1 (UID 1)', b'3 (UID 3)']");
            assertThat(out).contains("binary-head 2 (UID 2 BINARY.SIZE[2] 5000 BINARY[2] ~{5000}");
            assertThat(out).contains("binary-equal True");
            assertThat(out).contains("logout BYE");
            assertThat(Files.readAllBytes(dst)).isEqualTo(attachment);
        }
    }
}

package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's {@code imaplib}: login, LIST, CREATE, APPEND, SELECT, SEARCH, FETCH, STORE, EXPUNGE, LOGOUT. */
class PythonImaplibInteropTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    static final String SCRIPT = """
            import imaplib, sys, email
            from email.header import decode_header, make_header
            port, user, pw = int(sys.argv[1]), sys.argv[2], sys.argv[3]
            m = imaplib.IMAP4("127.0.0.1", port)
            print("caps", " ".join(sorted(m.capabilities)))
            m.login(user, pw)
            typ, boxes = m.list()
            print("list", typ, b" | ".join(boxes).decode())
            print("create", m.create("Reports/2026")[0])
            msg = "From: py@example.org\\r\\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= from python\\r\\n\\r\\nline one\\r\\nline two\\r\\n"
            typ, data = m.append("INBOX", "(\\\\Flagged)", None, msg.encode())
            print("append", typ, data[0].decode())
            typ, data = m.select("INBOX")
            print("select", typ, data[0].decode())
            typ, data = m.uid("SEARCH", None, "SUBJECT", "python")
            uids = data[0].split()
            print("search", typ, data[0].decode())
            typ, data = m.uid("FETCH", uids[0], "(FLAGS RFC822.SIZE BODY.PEEK[])")
            raw = data[0][1]
            parsed = email.message_from_bytes(raw)
            print("subject", str(make_header(decode_header(parsed["Subject"]))))
            print("flags", data[0][0].decode())
            print("body", parsed.get_payload().replace("\\r\\n", "|"))
            typ, data = m.uid("STORE", uids[0], "+FLAGS", "(\\\\Deleted)")
            print("store", typ, data[0].decode())
            typ, data = m.expunge()
            print("expunge", typ, data)
            print("logout", m.logout()[0])
            """;

    @Test
    void imaplibSession() throws Exception {
        Tools.require("python3", "python3");
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir)) {
            Tools.Result r = Tools.run(List.of("python3", "-c", SCRIPT, String.valueOf(fx.port(Endpoint.IMAP)), ALICE, PASSWORD),
                    Map.of("PYTHONIOENCODING", "utf-8"), null, dir, 60);
            assertThat(r.exit()).as(r.toString()).isZero();
            String out = r.out();
            assertThat(out).contains("IMAP4REV1").contains("IDLE").contains("UIDPLUS");
            assertThat(out).contains("list OK").contains("(\\HasNoChildren) \"/\" \"INBOX\"");
            assertThat(out).contains("create OK");
            assertThat(out).containsPattern("append OK \\[APPENDUID \\d+ 1\\]");
            assertThat(out).contains("select OK 1");
            assertThat(out).contains("search OK 1");
            assertThat(out).contains("subject Grüße from python");
            assertThat(out).contains("\\Flagged").contains("RFC822.SIZE " + ("From: py@example.org\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= from python\r\n\r\nline one\r\nline two\r\n")
                    .getBytes(StandardCharsets.US_ASCII).length);
            assertThat(out).contains("body line one|line two|");
            assertThat(out).contains("store OK").contains("expunge OK [b'1']").contains("logout BYE");
            assertThat(fx.store().listMailboxes(fx.alice())).extracting(mb -> mb.name()).contains("Reports/2026");
        }
    }
}

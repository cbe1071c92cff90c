package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's imaplib as a separate process: a basic session (login, select, append, fetch, store, expunge, logout). */
class ImapPythonTest {
    static final String PASSWORD = "secret";

    @TempDir Path dir;

    private static final String SCRIPT = """
            import imaplib, sys
            m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
            assert "IMAP4REV1" in m.capabilities, m.capabilities
            print("login", m.login("alice@example.test", "secret")[0])
            typ, data = m.select("INBOX")
            print("select", typ, data[0].decode())
            msg = b"From: py@example.org\\r\\nSubject: from python\\r\\n\\r\\nhello imaplib\\r\\n"
            typ, data = m.append("INBOX", "(\\\\Flagged)", imaplib.Time2Internaldate(1700000000), msg)
            print("append", typ, data[0].decode())
            m.noop()
            typ, data = m.fetch("1:*", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            print("fetch", typ, len([d for d in data if isinstance(d, tuple)]), data[0][1].decode().strip())
            typ, data = m.fetch("2", "(RFC822)")
            assert data[0][1] == msg, data
            typ, data = m.search(None, "FLAGGED")
            print("search", typ, data[0].decode())
            typ, data = m.store("1", "+FLAGS", "(\\\\Deleted)")
            print("store", typ, data[0].decode())
            typ, data = m.expunge()
            print("expunge", typ, data[0].decode())
            typ, data = m.uid("FETCH", "1:*", "(FLAGS)")
            print("uidfetch", typ, data[0].decode())
            m.close()
            print("logout", m.logout()[0])
            """;

    @Test
    void imaplibBasicSession() throws Exception {
        try (TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).start(dir)) {
            srv.deliver(srv.alice(), "INBOX", TestServer.message("first", "one"));
            Process p;
            try {
                p = new ProcessBuilder("python3", "-c", SCRIPT, Integer.toString(srv.port(Endpoint.IMAP))).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("python3 is missing: apt-get install -y python3", e);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("login OK", "select OK 1", "fetch OK 2 Subject: first", "search OK 2",
                    "store OK 1 (FLAGS (\\Deleted \\Recent))", "expunge OK 1", "logout BYE")
                    .containsPattern("append OK \\[APPENDUID \\d+ 2] APPEND completed")
                    .containsPattern("uidfetch OK 1 \\(UID 2 FLAGS \\(\\\\Seen \\\\Flagged( \\\\Recent)?\\)\\)");
        }
    }
}

package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code imaplib} using CONDSTORE (RFC 7162 §3.1): ENABLE, SELECT (CONDSTORE) with its
 * HIGHESTMODSEQ, FETCH MODSEQ, UID FETCH ... (CHANGEDSINCE n), a conditional STORE that loses
 * ([MODIFIED]), SEARCH MODSEQ, STATUS HIGHESTMODSEQ, and a flag change made by a second
 * imaplib connection arriving with its MODSEQ at NOOP.
 */
class PythonImaplibCondstoreInteropTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    static final String SCRIPT = """
            import imaplib, sys, re
            port, user, pw = int(sys.argv[1]), sys.argv[2], sys.argv[3]
            m = imaplib.IMAP4("127.0.0.1", port)
            print("caps", " ".join(sorted(m.capabilities)))
            m.login(user, pw)
            typ, data = m.enable("CONDSTORE")
            print("enable", typ, m.response("ENABLED")[1])
            typ, data = m.select("INBOX (CONDSTORE)")
            highest = int(m.response("HIGHESTMODSEQ")[1][0])
            print("select", typ, data[0].decode(), "highest", highest)
            typ, data = m.uid("FETCH", "1:*", "(FLAGS MODSEQ)")
            mods = {}
            for d in data:
                g = re.search(rb"UID (\\d+) FLAGS \\(([^)]*)\\) MODSEQ \\((\\d+)\\)", d)
                mods[int(g.group(1))] = int(g.group(3))
            print("modseqs", sorted(mods.items()), "max", max(mods.values()))
            typ, data = m.uid("STORE", "2", "+FLAGS", "(\\\\Flagged)")
            print("store", typ, data[0].decode())
            typ, data = m.uid("FETCH", "1:*", "(FLAGS) (CHANGEDSINCE %d)" % highest)
            print("changedsince", typ, [d.decode() for d in data])
            typ, data = m.uid("STORE", "2", "(UNCHANGEDSINCE %d) FLAGS" % mods[2], "(\\\\Seen)")
            print("conditional", typ, data, m.response("MODIFIED")[1])
            typ, data = m.uid("STORE", "1", "(UNCHANGEDSINCE %d) +FLAGS" % mods[1], "(\\\\Answered)")
            print("conditional-ok", typ, data[0].decode())
            typ, data = m.search(None, "MODSEQ", str(highest + 1))
            print("search", typ, data[0].decode())
            other = imaplib.IMAP4("127.0.0.1", port)
            other.login(user, pw)
            other.select("INBOX")
            other.uid("STORE", "3", "+FLAGS", "($Work)")
            other.logout()
            typ, data = m.noop()
            print("noop", typ, [d.decode() for d in m.response("FETCH")[1] if d])
            typ, data = m.status("INBOX", "(HIGHESTMODSEQ MESSAGES)")
            print("status", typ, data[0].decode())
            print("logout", m.logout()[0])
            """;

    @Test
    void imaplibUsesCondstore() throws Exception {
        Tools.require("python3", "python3");
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir)) {
            for (int i = 1; i <= 3; i++) fx.deliver(fx.alice(), "INBOX", "From: a@example.org\nSubject: m" + i + "\n\nbody " + i + "\n");
            long inbox = fx.mailbox(fx.alice(), "INBOX");
            fx.store().claimRecent(fx.alice(), inbox, 4); // an earlier session saw them: not \Recent (RFC 3501 §2.3.2)
            fx.store().updateFlags(fx.alice(), inbox, List.of(3L), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
            long highest = fx.store().mailbox(fx.alice(), inbox).highestModseq();
            Tools.Result r = Tools.run(List.of("python3", "-c", SCRIPT, String.valueOf(fx.port(Endpoint.IMAP)), ALICE, PASSWORD),
                    Map.of("PYTHONIOENCODING", "utf-8"), null, dir, 60);
            assertThat(r.exit()).as(r.toString()).isZero();
            String out = r.out();
            assertThat(out).contains("CONDSTORE").contains("QRESYNC");
            assertThat(out).contains("enable OK [b'CONDSTORE']");
            assertThat(out).contains("select OK 3 highest " + highest);
            assertThat(out).contains("max " + highest);
            long flagged = highest + 1;
            assertThat(out).contains("store OK 2 (UID 2 FLAGS (\\Flagged) MODSEQ (" + flagged + "))");
            assertThat(out).contains("changedsince OK ['2 (UID 2 FLAGS (\\\\Flagged) MODSEQ (" + flagged + "))']");
            assertThat(out).contains("conditional OK [None] [b'2']");
            assertThat(out).contains("conditional-ok OK 1 (UID 1 FLAGS (\\Answered) MODSEQ (" + (highest + 2) + "))");
            assertThat(out).contains("search OK 1 2 (MODSEQ " + (highest + 2) + ")");
            assertThat(out).contains("noop OK ['3 (UID 3 FLAGS (\\\\Seen $Work) MODSEQ (" + (highest + 3) + "))']");
            assertThat(out).contains("status OK \"INBOX\" (HIGHESTMODSEQ " + (highest + 3) + " MESSAGES 3)");
            assertThat(out).contains("logout BYE");
            // the lost conditional STORE changed nothing
            assertThat(fx.store().fetch(fx.alice(), inbox, List.of(2L)).getFirst().flags().has(Flag.SEEN)).isFalse();
            Matcher m = Pattern.compile("modseqs \\[\\(1, (\\d+)\\)").matcher(out);
            assertThat(m.find()).as(out).isTrue();
        }
    }
}

package dev.surel.testkit;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.net.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The kit itself: the TOML it writes, a started server and its helpers, restart, the per-test extension, the bare store. */
class TestKitTest {
    @TempDir Path dir;

    @RegisterExtension
    final TestServer perTest = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, "pw").perTest();

    @Test
    void tomlKeysOverrideDefaultsAndDottedKeysJoinTheirTable() {
        TestToml t = new TestToml();
        t.set("auth.throttle", "base_delay", "\"1ms\"");
        t.lines("auth", "throttle.base_delay = \"5ms\"\nthrottle.max_delay = \"9ms\"\n# comment\n\n[imap]\nidle_timeout = \"6s\"");
        t.lines("", "[imap]\nlogin_timeout = \"1s\"");
        assertThat(t.text()).isEqualTo("""
                [auth.throttle]
                base_delay = "5ms"
                max_delay = "9ms"
                [imap]
                idle_timeout = "6s"
                login_timeout = "1s"
                """);
        assertThatThrownBy(() -> t.lines("imap", "not toml")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverWithEndpointsUsersAliasAndCatchAll() throws Exception {
        try (TestServer s = TestServer.setup().hostname("mx.example.test")
                .listen(Endpoint.SMTP, Endpoint.IMAP, Endpoint.POP3S)
                .user(ALICE, "alice pw").user(BOB, "bob pw")
                .alias("sales@example.test", List.of(ALICE, BOB)).catchAll("catch.test", BOB)
                .toml("smtp", "max_recipients = 3")
                .start(dir)) {
            assertThat(Files.readString(s.configFile())).contains("hostname = \"mx.example.test\"", "[tls]", "max_recipients = 3");
            assertThat(s.config().smtp().maxRecipients()).isEqualTo(3);
            assertThat(s.directory().resolve("nobody@catch.test")).isInstanceOf(dev.surel.accounts.Resolution.Local.class);
            assertThat(s.password(BOB)).isEqualTo("bob pw");

            LineClient smtp = s.connect(Endpoint.SMTP);
            assertThat(smtp.reply()).startsWith("220 mx.example.test");
            assertThat(smtp.smtp("EHLO client.example.org")).startsWith("250-mx.example.test").contains("STARTTLS");
            assertThat(smtp.smtp("STARTTLS")).startsWith("220");
            smtp.startTls();
            assertThat(smtp.isTls()).isTrue();
            assertThat(smtp.smtp("EHLO client.example.org")).startsWith("250-").doesNotContain("STARTTLS");

            LineClient pop3s = s.connect(Endpoint.POP3S);
            assertThat(pop3s.isTls()).isTrue();
            assertThat(pop3s.line()).startsWith("+OK");

            LineClient imap = s.connect(Endpoint.IMAP);
            assertThat(imap.line()).startsWith("* OK");
            assertThat(imap.imap("LOGIN " + ALICE + " \"alice pw\"").getLast()).startsWith("t1 OK");

            long uid = s.deliver(s.alice(), "Subject: one\n\nbody\n");
            assertThat(s.awaitInbox(s.alice(), 1)).containsExactly("Subject: one\r\n\r\nbody\r\n");
            assertThat(s.uids(s.alice(), "INBOX")).containsExactly(uid);
            assertThat(s.seen(s.alice(), uid)).isFalse();
            assertThat(imap.imap("SELECT INBOX")).anyMatch(l -> l.equals("* 1 EXISTS"));

            s.restart();
            assertThat(imap.closedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(s.inbox(s.alice())).hasSize(1);
            LineClient again = s.connect(Endpoint.IMAP);
            again.line();
            assertThat(again.imap("LOGIN " + ALICE + " \"alice pw\"").getLast()).startsWith("t1 OK");
        }
    }

    @Test
    void perTestServerRunsDuringTheTestInADirectoryOfItsOwn() throws Exception {
        assertThat(perTest.dir()).isNotEqualTo(dir).exists();
        assertThat(perTest.dir().resolve("data")).isDirectory();
        try (LineClient c = LineClient.plain(perTest.address(Endpoint.IMAP))) {
            assertThat(c.line()).startsWith("* OK");
        }
        assertThatThrownBy(() -> perTest.address(Endpoint.SMTP)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storeWithoutServer() {
        try (TestStore s = TestServer.setup().hostname("mx.example.test").user(ALICE, "pw").toml("store", "gc_interval = \"0s\"").open(dir)) {
            s.deliver(s.alice(), "Subject: x\n\ny\n");
            assertThat(s.inbox(s.alice())).containsExactly("Subject: x\r\n\r\ny\r\n");
            assertThat(s.config().hostname()).isEqualTo("mx.example.test");
        }
    }
}

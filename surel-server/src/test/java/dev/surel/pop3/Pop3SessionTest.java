package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.maildrop.Pop3Rows;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** RFC 1939 state rules over real sockets against an in-process server; the store is checked directly. */
class Pop3SessionTest {
    static final String M1 = "Subject: one\nFrom: a@example.test\n\nfirst body\n.dot line\n..two dots\nend\n";
    static final String M2 = "Subject: two\n\nsecond\n";

    @TempDir Path dir;

    @RegisterExtension
    final TestServer f = Pop3Client.server().perTest();
    long u1;
    long u2;

    @BeforeEach
    void start() throws Exception {
        u1 = f.deliver(f.alice(), M1);
        u2 = f.deliver(f.alice(), M2);
    }

    long size(long uid) {
        return f.messages(f.alice(), "INBOX").stream().filter(m -> m.uid() == uid).findFirst().orElseThrow().size();
    }

    @Test
    void statListUidlAndRetrWithDotStuffing() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            long s1 = size(u1);
            long s2 = size(u2);
            assertThat(s1).isEqualTo(M1.replace("\n", "\r\n").length());
            assertThat(c.cmd("STAT")).isEqualTo("+OK 2 " + (s1 + s2));
            assertThat(c.multi("LIST")).containsExactly("1 " + s1, "2 " + s2);
            assertThat(c.cmd("LIST 2")).isEqualTo("+OK 2 " + s2);
            long v = f.store().mailbox(f.alice(), "INBOX").uidValidity();
            assertThat(c.multi("UIDL")).containsExactly("1 " + v + "." + u1, "2 " + v + "." + u2);
            assertThat(c.cmd("UIDL 1")).isEqualTo("+OK 1 " + v + "." + u1);
            assertThat(c.cmd("RETR 1")).isEqualTo("+OK " + s1 + " octets");
            assertThat(c.body()).containsExactly("Subject: one", "From: a@example.test", "", "first body",
                    "..dot line", "...two dots", "end");
            assertThat(c.cmd("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void quitCommitsDeletionsSeenAndFirstDownloadTogether() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            c.raw("RETR 2");
            assertThat(c.cmd("DELE 1")).startsWith("+OK");
            assertThat(c.cmd("STAT")).isEqualTo("+OK 1 " + size(u2));
            assertThat(f.uids(f.alice(), "INBOX")).as("nothing before QUIT").containsExactly(u1, u2);
            assertThat(f.seen(f.alice(), u2)).isFalse();
            assertThat(c.cmd("QUIT")).startsWith("+OK");
            assertThat(c.line()).isNull();
        }
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u2);
        assertThat(f.seen(f.alice(), u2)).isTrue();
        Pop3Rows rows = new Pop3Rows(f.services().database());
        assertThat(rows.firstDownload(f.mailbox(f.alice(), "INBOX"), u2)).isEqualTo(f.clock().millis());
    }

    @Test
    void droppedConnectionChangesNothingAndReleasesTheLock() throws Exception {
        Pop3Client c = Pop3Client.login(f, "alice@example.test");
        c.raw("RETR 1");
        c.expectOk(c.cmd("DELE 2"));
        c.close();
        // the lock goes with the socket: a new session gets in (poll: the server notices the close)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String answer;
        while (true) {
            try (Pop3Client d = Pop3Client.connect(f)) {
                d.line();
                d.cmd("USER alice@example.test");
                answer = d.cmd("PASS " + Pop3Client.PASSWORD);
                if (answer.startsWith("+OK") || System.nanoTime() > deadline) {
                    assertThat(d.cmd("STAT")).startsWith("+OK 2 ");
                    break;
                }
            }
            Thread.sleep(20);
        }
        assertThat(answer).startsWith("+OK");
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u1, u2);
        assertThat(f.seen(f.alice(), u1)).isFalse();
    }

    @Test
    void secondSessionOnTheSameMaildropIsInUse() throws Exception {
        try (Pop3Client first = Pop3Client.login(f, "alice@example.test"); Pop3Client second = Pop3Client.connect(f)) {
            second.line();
            second.expectOk(second.cmd("USER alice@example.test"));
            assertThat(second.cmd("PASS " + Pop3Client.PASSWORD)).startsWith("-ERR [IN-USE]");
            assertThat(second.cmd("STAT")).as("still AUTHORIZATION").startsWith("-ERR");
            // another user is not affected
            try (Pop3Client bob = Pop3Client.login(f, "bob@example.test")) {
                assertThat(bob.cmd("STAT")).isEqualTo("+OK 0 0");
            }
            first.expectOk(first.cmd("QUIT"));
            assertThat(first.line()).isNull();
            second.expectOk(second.cmd("USER alice@example.test"));
            assertThat(second.cmd("PASS " + Pop3Client.PASSWORD)).startsWith("+OK");
        }
    }

    @Test
    void rsetUnmarksDeletions() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            c.expectOk(c.cmd("DELE 1"));
            c.expectOk(c.cmd("DELE 2"));
            assertThat(c.cmd("STAT")).isEqualTo("+OK 0 0");
            assertThat(c.cmd("RSET")).startsWith("+OK maildrop has 2 messages");
            assertThat(c.multi("LIST")).hasSize(2);
            c.expectOk(c.cmd("QUIT"));
        }
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u1, u2);
    }

    @Test
    void deletedMessageCannotBeNamedAgain() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            c.expectOk(c.cmd("DELE 1"));
            assertThat(c.cmd("DELE 1")).isEqualTo("-ERR message 1 already deleted");
            assertThat(c.cmd("RETR 1")).startsWith("-ERR");
            assertThat(c.cmd("TOP 1 0")).startsWith("-ERR");
            assertThat(c.cmd("LIST 1")).startsWith("-ERR");
            assertThat(c.cmd("UIDL 1")).startsWith("-ERR");
            assertThat(c.multi("LIST")).containsExactly("2 " + size(u2));
            assertThat(c.multi("UIDL")).hasSize(1).allMatch(l -> l.startsWith("2 "));
        }
    }

    @Test
    void badMessageNumbersAndSyntax() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            for (String cmd : List.of("RETR 0", "RETR 3", "RETR 2147483647", "DELE 9", "LIST 3", "UIDL 0", "TOP 3 1")) {
                assertThat(c.cmd(cmd)).as(cmd).isEqualTo("-ERR no such message");
            }
            assertThat(c.cmd("RETR x")).isEqualTo("-ERR invalid number");
            assertThat(c.cmd("RETR")).isEqualTo("-ERR missing argument");
            assertThat(c.cmd("TOP 1 -1")).isEqualTo("-ERR invalid number");
            assertThat(c.cmd("FOO\r\n+OK injected")).isEqualTo("-ERR unknown command");
            assertThat(c.line()).as("the injected text is a command of its own, answered as unknown").isEqualTo("-ERR unknown command");
            assertThat(c.cmd("LIST " + "9".repeat(300))).isEqualTo("-ERR command line too long");
            assertThat(c.cmd("USER bob")).isEqualTo("-ERR not allowed after login");
            assertThat(c.cmd("STAT")).startsWith("+OK 2 ");
        }
    }

    @Test
    void commandsOutOfState() throws Exception {
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.expectOk(c.line());
            for (String cmd : List.of("STAT", "LIST", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL")) {
                assertThat(c.cmd(cmd)).as(cmd).isEqualTo("-ERR not allowed before login");
            }
            assertThat(c.cmd("PASS x")).isEqualTo("-ERR USER first");
            assertThat(c.cmd("APOP alice c4c9334bac560ecc979e58001b3e22fb")).startsWith("-ERR APOP is not offered");
            assertThat(c.cmd("QUIT")).startsWith("+OK");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void topWithZeroLinesIsTheHeaderAndDoesNotMarkSeen() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.raw("TOP 1 0")).isEqualTo("Subject: one\r\nFrom: a@example.test\r\n\r\n");
            assertThat(c.raw("TOP 1 2")).isEqualTo("Subject: one\r\nFrom: a@example.test\r\n\r\nfirst body\r\n..dot line\r\n");
            assertThat(c.raw("TOP 2 100")).isEqualTo("Subject: two\r\n\r\nsecond\r\n");
            c.expectOk(c.cmd("QUIT"));
        }
        assertThat(f.seen(f.alice(), u1)).isFalse();
        assertThat(new Pop3Rows(f.services().database()).firstDownload(f.mailbox(f.alice(), "INBOX"), u1)).isEqualTo(-1);
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.expectOk(c.line());
            c.send("CAPA\r\nUSER alice@example.test\r\nPASS " + Pop3Client.PASSWORD + "\r\nSTAT\r\nLIST\r\nUIDL 2\r\nRETR 2\r\nDELE 1\r\nNOOP\r\nQUIT\r\n");
            c.expectOk(c.line());
            assertThat(c.body()).contains("PIPELINING");
            c.expectOk(c.line());
            c.expectOk(c.line());
            assertThat(c.line()).startsWith("+OK 2 ");
            c.expectOk(c.line());
            assertThat(c.body()).hasSize(2);
            assertThat(c.line()).startsWith("+OK 2 ");
            c.expectOk(c.line());
            assertThat(c.body()).containsExactly("Subject: two", "", "second");
            assertThat(c.line()).isEqualTo("+OK message 1 deleted");
            assertThat(c.line()).isEqualTo("+OK");
            assertThat(c.line()).startsWith("+OK Surel POP3 server signing off");
            assertThat(c.line()).isNull();
        }
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u2);
    }

    @Test
    void snapshotIsFixedAtLoginAndExpungedMessagesAnswerErr() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            long u3 = f.deliver(f.alice(), "Subject: three\n\nlate\n");
            assertThat(c.cmd("STAT")).startsWith("+OK 2 ");
            // expunged meanwhile (as IMAP would): RETR answers -ERR, the numbering stays
            f.store().updateFlags(f.alice(), f.mailbox(f.alice(), "INBOX"), List.of(u1), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            f.store().expunge(f.alice(), f.mailbox(f.alice(), "INBOX"), List.of(u1));
            assertThat(c.cmd("RETR 1")).startsWith("-ERR message was removed");
            assertThat(c.cmd("RETR 2")).startsWith("+OK");
            c.body();
            c.expectOk(c.cmd("DELE 1"));
            c.expectOk(c.cmd("QUIT"));
            try (Pop3Client d = Pop3Client.login(f, "alice@example.test")) {
                long v = f.store().mailbox(f.alice(), "INBOX").uidValidity();
                assertThat(d.multi("UIDL")).containsExactly("1 " + v + "." + u2, "2 " + v + "." + u3);
            }
        }
    }

    @Test
    void wrongPasswordIsAuthAndUidlSurvivesARestart() throws Exception {
        List<String> before;
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            c.expectOk(c.cmd("USER alice@example.test"));
            assertThat(c.cmd("PASS wrong")).isEqualTo("-ERR [AUTH] invalid user name or password");
            c.expectOk(c.cmd("USER alice@example.test"));
            c.expectOk(c.cmd("PASS " + Pop3Client.PASSWORD));
            before = c.multi("UIDL");
        }
        f.restart();
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.multi("UIDL")).isEqualTo(before);
        }
    }

    @Test
    void capaBeforeAndAfterLogin() throws Exception {
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            List<String> capa = c.multi("CAPA");
            assertThat(capa).contains("TOP", "UIDL", "USER", "SASL SCRAM-SHA-256 PLAIN LOGIN", "RESP-CODES", "AUTH-RESP-CODE",
                    "PIPELINING", "EXPIRE NEVER USER", "IMPLEMENTATION Surel", "STLS", "UTF8 USER");
            assertThat(capa).noneMatch(l -> l.startsWith("LOGIN-DELAY"));
            c.expectOk(c.cmd("USER alice@example.test"));
            c.expectOk(c.cmd("PASS " + Pop3Client.PASSWORD));
            List<String> after = c.multi("CAPA");
            assertThat(after).contains("TOP", "UIDL", "PIPELINING", "EXPIRE NEVER", "RESP-CODES");
            assertThat(after).doesNotContain("STLS", "USER").noneMatch(l -> l.startsWith("SASL"));
        }
    }

    @Test
    void idleSessionIsLoggedOutAfterTenMinutesWithoutUpdate() throws Exception {
        // [limits] idle_timeout only sets how often (real time) a blocked read looks at the clock here:
        // POP3 sets its own timeout of pop3.idle_timeout (10m) on the injected clock
        try (TestServer idle = Pop3Client.server().toml("limits", "idle_timeout = \"1s\"").start(dir.resolve("idle"))) {
            long i1 = idle.deliver(idle.alice(), M1);
            long i2 = idle.deliver(idle.alice(), M2);
            Pop3Client c = Pop3Client.login(idle, "alice@example.test");
            c.expectOk(c.cmd("DELE 1"));
            idle.mutableClock().advance(Duration.ofMinutes(9));
            c.expectOk(c.cmd("NOOP"));
            idle.mutableClock().advance(Duration.ofMinutes(9));
            c.expectOk(c.cmd("NOOP"));
            idle.mutableClock().advance(Duration.ofMinutes(11));
            assertThat(c.line()).startsWith("-ERR autologout");
            assertThat(c.line()).isNull();
            c.close();
            assertThat(idle.uids(idle.alice(), "INBOX")).containsExactly(i1, i2);
            try (Pop3Client d = Pop3Client.login(idle, "alice@example.test")) {
                assertThat(d.cmd("STAT")).startsWith("+OK 2 ");
            }
        }
    }

    @Test
    void messagesMarkedSeenOverImapStayListed() throws Exception {
        f.store().updateFlags(f.alice(), f.mailbox(f.alice(), "INBOX"), Set.of(u1), FlagOp.ADD, Flags.of(Flag.SEEN), -1);
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.cmd("STAT")).startsWith("+OK 2 ");
        }
        List<MessageMeta> m = f.messages(f.alice(), "INBOX");
        assertThat(m).hasSize(2);
    }
}

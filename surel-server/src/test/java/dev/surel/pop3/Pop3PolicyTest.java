package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.admin.AdminClient;
import dev.surel.maildrop.Pop3Expiry;
import dev.surel.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leave-on-server policies: delete, keep:N (expiry on the injected clock), hide (POP3 no longer
 * lists the message, the store, which IMAP reads, keeps it); set through the admin channel.
 */
class Pop3PolicyTest {
    @TempDir Path dir;
    TestServer f;

    @AfterEach
    void stop() {
        if (f != null) f.close();
    }

    String admin(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path data = dir.resolve("data");
        int code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data, List.of(args), null, out, err);
        assertThat(code).as(err.toString()).isZero();
        return out.toString().trim();
    }

    @Test
    void hideKeepsTheMessageInTheStoreButNotInPop3() throws Exception {
        f = Pop3Client.server().start(dir);
        assertThat(admin("user", "pop3", "alice@example.test", "--policy", "hide"))
                .isEqualTo("user alice@example.test  pop3 policy: hide  in force: hide");
        long u1 = f.deliver(f.alice(), "Subject: a\n\na\n");
        long u2 = f.deliver(f.alice(), "Subject: b\n\nb\n");
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.multi("CAPA")).contains("EXPIRE NEVER");
            c.raw("RETR 1");
            c.expectOk(c.cmd("DELE 1"));
            c.expectOk(c.cmd("QUIT"));
        }
        assertThat(f.uids(f.alice(), "INBOX")).as("IMAP still sees it").containsExactly(u1, u2);
        assertThat(f.seen(f.alice(), u1)).isTrue();
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.cmd("STAT")).startsWith("+OK 1 ");
            long v = f.store().mailbox(f.alice(), "INBOX").uidValidity();
            assertThat(c.multi("UIDL")).containsExactly("1 " + v + "." + u2);
        }
        // bob (default policy delete) is unaffected
        long b1 = f.deliver(f.bob(), "Subject: c\n\nc\n");
        try (Pop3Client c = Pop3Client.login(f, "bob@example.test")) {
            c.expectOk(c.cmd("DELE 1"));
            c.expectOk(c.cmd("QUIT"));
        }
        assertThat(f.uids(f.bob(), "INBOX")).doesNotContain(b1).isEmpty();
    }

    @Test
    void keepExpiresMessagesDaysAfterTheirFirstDownload() throws Exception {
        f = Pop3Client.server().start(dir);
        assertThat(admin("domain", "pop3", "example.test", "--policy", "keep:30d"))
                .isEqualTo("domain example.test  pop3 policy: keep:30d  in force: keep:30d");
        assertThat(admin("user", "pop3", "alice@example.test")).isEqualTo("user alice@example.test  pop3 policy: none (inherited)  in force: keep:30d");
        long u1 = f.deliver(f.alice(), "Subject: a\n\na\n");
        long u2 = f.deliver(f.alice(), "Subject: b\n\nb\n");
        long u3 = f.deliver(f.alice(), "Subject: c\n\nc\n");
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.multi("CAPA")).contains("EXPIRE 30");
            c.raw("RETR 1");
            c.raw("TOP 2 0");
            c.expectOk(c.cmd("QUIT"));
        }
        f.mutableClock().advance(Duration.ofDays(10));
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            c.raw("RETR 1");
            c.raw("RETR 3");
            c.expectOk(c.cmd("QUIT"));
        }
        Pop3Expiry expiry = Pop3Expiry.of(f.services().store(), f.services().database(), f.config().pop3().policy(), f.mutableClock());
        f.mutableClock().advance(Duration.ofDays(20).minusMinutes(1));
        assertThat(expiry.run()).isZero();
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u1, u2, u3);
        f.mutableClock().advance(Duration.ofMinutes(1));
        assertThat(expiry.run()).as("30 days after the first download of 1").isEqualTo(1);
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u2, u3);
        f.mutableClock().advance(Duration.ofDays(10));
        assertThat(expiry.run()).isEqualTo(1);
        assertThat(f.uids(f.alice(), "INBOX")).as("never downloaded (only TOP): kept").containsExactly(u2);
        // back to the default: nothing expires any more
        admin("domain", "pop3", "example.test", "--policy", "default");
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            c.raw("RETR 1");
            c.expectOk(c.cmd("QUIT"));
        }
        f.mutableClock().advance(Duration.ofDays(365));
        assertThat(expiry.run()).isZero();
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u2);
    }

    @Test
    void userPolicyWinsOverDomainAndBadPoliciesAreRefused() throws Exception {
        f = Pop3Client.server().toml("pop3", "policy = \"hide\"\nlogin_delay = \"60s\"\n").start(dir);
        admin("domain", "pop3", "example.test", "--policy", "keep:7d");
        admin("user", "pop3", "bob@example.test", "--policy", "delete");
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            assertThat(c.multi("CAPA")).contains("EXPIRE NEVER USER", "LOGIN-DELAY 60");
        }
        // QUIT, not just a closed socket: the lock would otherwise stay until the server sees the close
        try (Pop3Client c = Pop3Client.login(f, "bob@example.test")) {
            assertThat(c.multi("CAPA")).contains("EXPIRE NEVER", "LOGIN-DELAY 60");
            c.expectOk(c.cmd("QUIT"));
        }
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.multi("CAPA")).contains("EXPIRE 7");
            c.expectOk(c.cmd("QUIT"));
        }
        // LOGIN-DELAY: a second login of alice within 60 s is refused, after it allowed
        try (Pop3Client c = Pop3Client.connect(f)) {
            c.line();
            c.expectOk(c.cmd("USER alice@example.test"));
            assertThat(c.cmd("PASS " + Pop3Client.PASSWORD)).startsWith("-ERR [LOGIN-DELAY]");
            f.mutableClock().advance(Duration.ofSeconds(61));
            c.expectOk(c.cmd("USER alice@example.test"));
            c.expectOk(c.cmd("PASS " + Pop3Client.PASSWORD));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path data = dir.resolve("data");
        int code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data,
                List.of("user", "pop3", "alice@example.test", "--policy", "forever"), null, out, err);
        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("not a POP3 policy");
        code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data,
                List.of("user", "pop3", "nobody@example.test", "--policy", "hide"), null, out, err);
        assertThat(code).isEqualTo(67);
    }
}

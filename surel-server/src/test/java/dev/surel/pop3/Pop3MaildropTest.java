package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The maildrop a session lists (RFC 1939 §5, §7), built from the store's compact listings and the
 * POP3 marks: several folders in configured order (a missing one skipped, one named twice listed
 * once), hidden messages left out, {@code max_messages} counting only listed ones; LIST, UIDL,
 * STAT and RETR of each agree, and a message number past a deletion keeps its message.
 */
class Pop3MaildropTest {
    @RegisterExtension
    final TestServer f = Pop3Client.server()
            .toml("pop3", "policy = \"hide\"\nfolders = [\"INBOX\", \"Archive\", \"Nope\", \"INBOX\"]\nmax_messages = 4\n")
            .perTest();

    long a1;
    long a2;
    long a3;
    long b1;
    long b2;

    @BeforeEach
    void mail() {
        a1 = f.deliver(f.alice(), "Subject: a1\n\none\n");
        a2 = f.deliver(f.alice(), "Subject: a2\n\ntwo two\n");
        a3 = f.deliver(f.alice(), "Subject: a3\n\n.three\n");
        b1 = f.deliver(f.alice(), "Archive", "Subject: b1\n\nfour four four\n");
        b2 = f.deliver(f.alice(), "Archive", "Subject: b2\n\nfive\n");
    }

    long size(String mailbox, long uid) {
        return f.messages(f.alice(), mailbox).stream().filter(m -> m.uid() == uid).findFirst().orElseThrow().size();
    }

    String id(String mailbox, long uid) {
        return f.store().mailbox(f.alice(), mailbox).uidValidity() + "." + uid;
    }

    @Test
    void foldersInOrderHiddenLeftOutAndTheLimitCountsListedMessages() throws Exception {
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            assertThat(c.multi("UIDL")).containsExactly("1 " + id("INBOX", a1), "2 " + id("INBOX", a2),
                    "3 " + id("INBOX", a3), "4 " + id("Archive", b1));
            c.expectOk(c.cmd("DELE 2"));
            c.expectOk(c.cmd("QUIT"));
        }
        try (Pop3Client c = Pop3Client.login(f, "alice@example.test")) {
            long s1 = size("INBOX", a1);
            long s3 = size("INBOX", a3);
            long s4 = size("Archive", b1);
            long s5 = size("Archive", b2);
            assertThat(c.cmd("STAT")).isEqualTo("+OK 4 " + (s1 + s3 + s4 + s5));
            assertThat(c.multi("LIST")).containsExactly("1 " + s1, "2 " + s3, "3 " + s4, "4 " + s5);
            assertThat(c.multi("UIDL")).containsExactly("1 " + id("INBOX", a1), "2 " + id("INBOX", a3),
                    "3 " + id("Archive", b1), "4 " + id("Archive", b2));
            c.expectOk(c.cmd("DELE 1"));
            assertThat(c.multi("LIST")).containsExactly("2 " + s3, "3 " + s4, "4 " + s5);
            assertThat(c.multi("UIDL")).containsExactly("2 " + id("INBOX", a3), "3 " + id("Archive", b1), "4 " + id("Archive", b2));
            assertThat(c.cmd("UIDL 4")).isEqualTo("+OK 4 " + id("Archive", b2));
            assertThat(c.cmd("LIST 3")).isEqualTo("+OK 3 " + s4);
            assertThat(c.cmd("LIST 1")).isEqualTo("-ERR message 1 already deleted");
            assertThat(c.cmd("LIST 5")).isEqualTo("-ERR no such message");
            assertThat(c.cmd("RETR 2")).isEqualTo("+OK " + s3 + " octets");
            assertThat(c.body()).containsExactly("Subject: a3", "", "..three");
            assertThat(c.cmd("RETR 4")).isEqualTo("+OK " + s5 + " octets");
            assertThat(c.body()).containsExactly("Subject: b2", "", "five");
            c.expectOk(c.cmd("RSET"));
            assertThat(c.multi("LIST")).hasSize(4);
            c.expectOk(c.cmd("QUIT"));
        }
        assertThat(f.uids(f.alice(), "INBOX")).as("hide keeps every message in the store").containsExactly(a1, a2, a3);
        assertThat(f.seen(f.alice(), a3)).isTrue();
        assertThat(f.seen(f.alice(), a1)).isFalse();
    }
}

package dev.surel.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.testkit.TestData;
import dev.surel.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A maildrop snapshot against the store and the recorded POP3 marks: what QUIT would write is
 * only what is not recorded yet (first downloads of messages never downloaded, \Seen where it is
 * not set), with INBOX alone (its listing taken as it is) and with several folders.
 */
class MaildropTest {
    @RegisterExtension
    final TestServer f = TestServer.setup().user(TestData.ALICE, "secret").perTest();

    @Test
    void quitWritesOnlyFirstDownloadsNotRecordedYet() {
        long inbox = f.mailbox(f.alice(), "INBOX");
        long archive = f.mailbox(f.alice(), "Archive");
        long u1 = f.deliver(f.alice(), "Subject: 1\n\n1\n");
        long u2 = f.deliver(f.alice(), "Subject: 2\n\n2\n");
        long u3 = f.deliver(f.alice(), "Subject: 3\n\n3\n");
        long a1 = f.deliver(f.alice(), "Archive", "Subject: a\n\na\n");
        long a2 = f.deliver(f.alice(), "Archive", "Subject: b\n\nb\n");
        f.store().markSeenAndExpunge(f.alice(), List.of(new dev.surel.store.SeenAndExpunge(inbox, List.of(u3), List.of())),
                tx -> Pop3Rows.record(tx, List.of(new Pop3Rows.MessageKey(inbox, u2), new Pop3Rows.MessageKey(archive, a1)),
                        List.of(), 5L));
        Pop3Rows rows = new Pop3Rows(f.services().database());

        Maildrop one = Maildrop.load(f.store(), rows, f.alice(), List.of("INBOX"), 100);
        assertThat(one.size()).isEqualTo(3);
        for (int n = 1; n <= 3; n++) one.retrieved(n);
        assertThat(one.firstDownloadKeys()).containsExactly(new Pop3Rows.MessageKey(inbox, u1), new Pop3Rows.MessageKey(inbox, u3));
        assertThat(one.retrievedNotSeenKeys()).containsExactly(new Pop3Rows.MessageKey(inbox, u1), new Pop3Rows.MessageKey(inbox, u2));

        Maildrop two = Maildrop.load(f.store(), rows, f.alice(), List.of("Archive", "INBOX"), 100);
        assertThat(two.size()).isEqualTo(5);
        assertThat(two.get(1).uid()).isEqualTo(a1);
        assertThat(two.get(3).uid()).isEqualTo(u1);
        for (int n = 1; n <= 5; n++) two.retrieved(n);
        assertThat(two.firstDownloadKeys()).containsExactly(new Pop3Rows.MessageKey(archive, a2),
                new Pop3Rows.MessageKey(inbox, u1), new Pop3Rows.MessageKey(inbox, u3));
        two.delete(2);
        assertThat(two.deletedKeys()).containsExactly(new Pop3Rows.MessageKey(archive, a2));
        assertThat(two.liveCount()).isEqualTo(4);
        assertThat(two.get(4).uniqueId()).isEqualTo(f.store().mailbox(f.alice(), "INBOX").uidValidity() + "." + u2);
    }
}

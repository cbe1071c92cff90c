package dev.surel.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.sql.Database;
import dev.surel.testkit.TestData;
import dev.surel.testkit.TestServer;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POP3's marks kept in memory ({@link Pop3Rows#marks}): read from {@code pop3_messages} once per
 * mailbox, then answered from memory and kept current by what the UPDATE state commits
 * ({@link Pop3Rows#recorded}); {@link Pop3Rows#forget} and the budget make the next login read
 * the table again. The rows are written as QUIT writes them (in a store transaction).
 */
class Pop3RowsTest {
    @RegisterExtension
    final TestServer f = TestServer.setup().user(TestData.ALICE, "secret").perTest();

    void record(long account, List<Pop3Rows.MessageKey> downloaded, List<Pop3Rows.MessageKey> hidden) {
        f.store().markSeenAndExpunge(account, List.of(), tx -> Pop3Rows.record(tx, downloaded, hidden, 1_000L));
    }

    /** Deletes every row behind the cache's back (nothing in the server does): shows what is answered from memory. */
    void deleteAllRows() {
        Database db = f.services().database();
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pop3_messages")) {
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void marksAreReadOnceThenFollowWhatUpdateCommitted() {
        long inbox = f.mailbox(f.alice(), "INBOX");
        long sent = f.mailbox(f.alice(), "Sent");
        record(f.alice(), List.of(new Pop3Rows.MessageKey(inbox, 7), new Pop3Rows.MessageKey(inbox, 3)),
                List.of(new Pop3Rows.MessageKey(inbox, 5)));
        Pop3Rows rows = new Pop3Rows(f.services().database());

        Map<Long, MailboxMarks> first = rows.marks(List.of(inbox, sent));
        assertThat(first.get(inbox).downloaded()).containsExactly(3, 7);
        assertThat(first.get(inbox).hidden()).containsExactly(5);
        assertThat(first.get(sent).downloaded()).isEmpty();
        assertThat(rows.cached()).isEqualTo(2);

        deleteAllRows();
        assertThat(rows.marks(List.of(inbox)).get(inbox).downloaded()).as("from memory, not the table").containsExactly(3, 7);

        List<Pop3Rows.MessageKey> more = List.of(new Pop3Rows.MessageKey(inbox, 4), new Pop3Rows.MessageKey(inbox, 7));
        record(f.alice(), more, List.of(new Pop3Rows.MessageKey(sent, 9)));
        rows.recorded(more, List.of(new Pop3Rows.MessageKey(sent, 9)));
        Map<Long, MailboxMarks> after = rows.marks(List.of(inbox, sent));
        assertThat(after.get(inbox).downloaded()).containsExactly(3, 4, 7);
        assertThat(after.get(inbox).isDownloaded(4)).isTrue();
        assertThat(after.get(inbox).isDownloaded(5)).isFalse();
        assertThat(after.get(sent).hidden()).containsExactly(9);

        rows.forget(List.of(inbox));
        assertThat(rows.marks(List.of(inbox)).get(inbox).downloaded()).as("read again: the table now").containsExactly(4, 7);
    }

    @Test
    void overTheBudgetTheLeastRecentlyUsedGo() throws Exception {
        long inbox = f.mailbox(f.alice(), "INBOX");
        long sent = f.mailbox(f.alice(), "Sent");
        record(f.alice(), List.of(new Pop3Rows.MessageKey(inbox, 1), new Pop3Rows.MessageKey(inbox, 2),
                new Pop3Rows.MessageKey(sent, 1), new Pop3Rows.MessageKey(sent, 2)), List.of());
        Pop3Rows rows = new Pop3Rows(f.services().database(), 3, 0);
        rows.marks(List.of(inbox));
        Thread.sleep(1);
        rows.marks(List.of(sent)); // trims first (inbox alone: 2 marks, within 3), then holds 4
        assertThat(rows.cached()).isEqualTo(2);
        Thread.sleep(1);
        rows.marks(List.of(sent)); // 4 > 3: inbox, used longest ago, goes
        assertThat(rows.cached()).isEqualTo(1);
        deleteAllRows();
        assertThat(rows.marks(List.of(sent)).get(sent).downloaded()).as("kept").containsExactly(1, 2);
        assertThat(rows.marks(List.of(inbox)).get(inbox).downloaded()).as("dropped: read again").isEmpty();
    }

    @Test
    void unionKeepsOrderAndDropsDuplicates() {
        assertThat(MailboxMarks.union(new long[] {1, 4, 9}, new long[] {9, 2, 2, 10, 0})).containsExactly(0, 1, 2, 4, 9, 10);
        assertThat(MailboxMarks.union(new long[] {}, new long[] {3})).containsExactly(3);
        assertThat(MailboxMarks.union(new long[] {3}, new long[] {})).containsExactly(3);
    }
}

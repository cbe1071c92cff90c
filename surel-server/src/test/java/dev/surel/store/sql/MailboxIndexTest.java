package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreEvent;
import dev.surel.store.StoreSettings;
import dev.surel.store.UidRange;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxIndexTest {
    @TempDir Path dir;

    private static final String HASH = "ab".repeat(32);

    private static MessageMeta meta(long uid, long modseq, Flags flags) {
        return new MessageMeta(7, uid, modseq, 100 + uid, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2)), flags, HASH);
    }

    @Test
    void changesApplyOnceAndInModseqOrder() {
        MailboxIndex index = new MailboxIndex(1, 7, List.of(meta(1, 5, Flags.NONE), meta(3, 6, Flags.NONE)));
        index.apply(new StoreEvent.MessageAdded(1, meta(2, 7, Flags.NONE)));
        index.apply(new StoreEvent.MessageAdded(1, meta(2, 7, Flags.NONE))); // again: already there
        index.apply(new StoreEvent.FlagsChanged(1, 7, 3, 9, Flags.of(Flag.SEEN)));
        index.apply(new StoreEvent.FlagsChanged(1, 7, 3, 8, Flags.of(Flag.FLAGGED))); // older than what it has
        index.apply(new StoreEvent.MessagesExpunged(1, 7, List.of(1L, 42L), 10));
        List<MessageMeta> all = index.range(1, Long.MAX_VALUE);
        assertThat(all).extracting(MessageMeta::uid).containsExactly(2L, 3L);
        assertThat(all.get(1).flags()).isEqualTo(Flags.of(Flag.SEEN));
        assertThat(all.get(1).modseq()).isEqualTo(9);
        assertThat(all.get(0)).isEqualTo(meta(2, 7, Flags.NONE)); // what went in comes out, hash and date included
        assertThat(index.fetch(List.of(3L, 99L, 2L, 3L))).extracting(MessageMeta::uid).containsExactly(2L, 3L);
        assertThat(index.countFrom(3)).isEqualTo(1);
    }

    /** Changes committed while the rows are read are applied to the index before it is used. */
    @Test
    void changesCommittedDuringTheLoadAreNotLost() {
        MailboxIndexes indexes = new MailboxIndexes(MailboxIndexes.BUDGET_BYTES, () -> 0);
        MailboxIndex index = indexes.load(1, 7, () -> {
            // commits while the snapshot is read: one it holds (uid 2) and one it does not (uid 3, flags of 1)
            indexes.apply(List.of(new StoreEvent.MessageAdded(1, meta(2, 6, Flags.NONE))));
            indexes.apply(List.of(new StoreEvent.MessageAdded(1, meta(3, 7, Flags.NONE)),
                    new StoreEvent.FlagsChanged(1, 7, 1, 8, Flags.of(Flag.SEEN))));
            assertThat(indexes.get(1, 7)).isNull(); // not usable until loaded
            return List.of(meta(1, 5, Flags.NONE), meta(2, 6, Flags.NONE));
        });
        assertThat(index.range(1, Long.MAX_VALUE)).containsExactly(meta(1, 8, Flags.of(Flag.SEEN)), meta(2, 6, Flags.NONE),
                meta(3, 7, Flags.NONE));
        assertThat(indexes.get(1, 7)).isSameAs(index);
        assertThat(indexes.get(2, 7)).isNull(); // another account's session reads the database (and gets NotFound there)
        indexes.apply(List.of(new StoreEvent.MailboxDeleted(1, 7, "box")));
        assertThat(indexes.get(1, 7)).isNull();
    }

    /** Over its budget the least recently used index goes; one unused for IDLE_MILLIS goes at the next load. */
    @Test
    void indexesAreDroppedWhenUnusedOrOverBudget() {
        long[] now = {0};
        List<MessageMeta> rows = List.of(meta(1, 1, Flags.NONE));
        long one = new MailboxIndex(1, 1, rows).bytes();
        MailboxIndexes indexes = new MailboxIndexes(2 * one, () -> now[0]);
        indexes.load(1, 1, () -> rows);
        now[0] = 10;
        indexes.load(1, 2, () -> rows);
        now[0] = 20;
        indexes.get(1, 1); // used after 2
        indexes.load(1, 3, () -> rows); // three do not fit: 2 was used least recently
        assertThat(indexes.get(1, 1)).isNotNull();
        assertThat(indexes.get(1, 2)).isNull();
        assertThat(indexes.get(1, 3)).isNotNull();
        now[0] += MailboxIndexes.IDLE_MILLIS + 1;
        indexes.get(1, 3);
        indexes.load(1, 4, () -> rows); // 1 unused too long
        assertThat(indexes.get(1, 1)).isNull();
        assertThat(indexes.get(1, 3)).isNotNull();
        assertThat(indexes.loaded()).isEqualTo(2);
    }

    /**
     * Indexes loaded while three writers append, change flags and expunge in many mailboxes end
     * up equal to the rows: no change committed during a load is lost or applied wrongly.
     */
    @Test
    void indexesLoadedWhileWritersGoOnMatchTheDatabase() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (SqlMailStore store = SqlMailStore.open(dir, StoreSettings.defaults().withGcInterval(Duration.ZERO), clock)) {
            long account = TestAccounts.create(store, "ix", null, null);
            List<Long> boxes = new ArrayList<>();
            for (int i = 0; i < 12; i++) boxes.add(store.createMailbox(account, "box" + i, null).id());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Random random = new Random(w);
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (!stop.get()) write(store, account, boxes.get(random.nextInt(boxes.size())), random);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            long until = System.nanoTime() + 2_000_000_000L;
            for (int round = 0; round < 6 || System.nanoTime() < until; round++) {
                for (long box : boxes) {
                    store.indexes().clear();
                    store.messages(account, box, UidRange.ALL); // loads while the writers write
                }
            }
            stop.set(true);
            for (Thread t : writers) t.join();
            assertThat(failure.get()).isNull();
            for (long box : boxes) store.messages(account, box, UidRange.ALL);
            assertThat(store.indexes().loaded()).isEqualTo(boxes.size());
            int messages = 0;
            for (long box : boxes) {
                List<MessageMeta> rows = store.database().read(c -> Sql.list(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS
                        + " FROM messages WHERE mailbox_id = ? AND expunged_at IS NULL ORDER BY uid", box));
                assertThat(store.messages(account, box, UidRange.ALL)).as("mailbox %d", box).isEqualTo(rows);
                messages += rows.size();
            }
            assertThat(messages).isGreaterThan(50);
        }
    }

    private static void write(SqlMailStore store, long account, long box, Random random) {
        List<MessageMeta> live = store.database().read(c -> Sql.list(c, MessageRows::map, "SELECT " + MessageRows.COLUMNS
                + " FROM messages WHERE mailbox_id = ? AND expunged_at IS NULL ORDER BY uid", box));
        int op = live.isEmpty() ? 0 : random.nextInt(4);
        switch (op) {
            case 0 -> {
                byte[] bytes = ("Subject: m" + random.nextInt() + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
                store.append(account, box, NewMessage.of(new ByteArrayInputStream(bytes)));
            }
            case 1 -> store.updateFlags(account, box, List.of(live.get(random.nextInt(live.size())).uid()), FlagOp.ADD,
                    Flags.of(Flag.SEEN).withKeywords("k" + random.nextInt(3)), -1);
            case 2 -> store.updateFlags(account, box, List.of(live.get(random.nextInt(live.size())).uid()), FlagOp.REMOVE,
                    Flags.of(Flag.SEEN), -1);
            default -> {
                long uid = live.get(random.nextInt(live.size())).uid();
                store.updateFlags(account, box, List.of(uid), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
                if (random.nextBoolean()) store.expunge(account, box, List.of(uid));
            }
        }
    }
}

package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.Appended;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreSettings;
import dev.surel.store.StoreSnapshot;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SqlMailStore#snapshot}: the database copy is the state at the moment it was taken
 * (later commits are not in it), lists every referenced blob once (messages, tombstones, the
 * queue), and while it is open the garbage collector deletes no blob file, even one whose
 * message is purged and whose grace has passed.
 */
class SnapshotTest {
    @TempDir Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private SqlMailStore open() {
        return SqlMailStore.open(dir.resolve("data"), StoreSettings.defaults().withGcInterval(Duration.ZERO), clock);
    }

    private static Appended append(SqlMailStore store, long account, long mailbox, String text) {
        return store.append(account, mailbox, NewMessage.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theCollectorDeletesNoBlobWhileASnapshotIsOpen() throws Exception {
        try (SqlMailStore store = open()) {
            long account = TestAccounts.create(store, "alice", null, null);
            long inbox = store.mailbox(account, "INBOX").id();
            Appended gone = append(store, account, inbox, "expunged after the snapshot\r\n");
            try (StoreSnapshot snap = store.snapshot(dir.resolve("copy.db"))) {
                List<String> listed = new ArrayList<>();
                snap.blobs((hash, size, file) -> listed.add(hash));
                assertThat(listed).containsExactly(gone.blobHash());
                // the message goes, its tombstone is purged, its blob is orphaned past the grace: all while the backup copies
                store.updateFlags(account, inbox, List.of(gone.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
                store.expunge(account, inbox, null);
                clock.advance(Duration.ofDays(31));
                assertThat(store.gc().tombstonesPurged()).isEqualTo(1);
                clock.advance(Duration.ofDays(1));
                assertThat(store.gc().blobsDeleted()).as("held off by the open snapshot").isZero();
                assertThat(store.blobStore().path(gone.blobHash())).exists();
            }
            assertThat(store.gc().blobsDeleted()).as("once the snapshot is closed").isEqualTo(1);
            assertThat(store.blobStore().path(gone.blobHash())).doesNotExist();
        }
    }

    @Test
    void theCopyIsTheStateWhenItWasTakenAndCountsItself() throws Exception {
        try (SqlMailStore store = open()) {
            long account = TestAccounts.create(store, "alice", null, null);
            long inbox = store.mailbox(account, "INBOX").id();
            Appended a = append(store, account, inbox, "one\r\n");
            Appended same = append(store, account, inbox, "one\n"); // the same content: one blob
            Appended b = append(store, account, inbox, "two\r\n");
            store.updateFlags(account, inbox, List.of(b.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
            store.expunge(account, inbox, null); // a tombstone still references its blob
            Path copy = dir.resolve("copy.db");
            try (StoreSnapshot snap = store.snapshot(copy)) {
                Appended later = append(store, account, inbox, "after the snapshot\r\n");
                StoreSnapshot.Counts c = snap.counts();
                assertThat(c.schemaVersion()).isEqualTo(Database.SCHEMA_VERSION);
                assertThat(c.accounts()).isEqualTo(1);
                assertThat(c.messages()).isEqualTo(2);
                assertThat(c.tombstones()).isEqualTo(1);
                assertThat(c.blobs()).isEqualTo(2);
                assertThat(c.blobBytes()).isEqualTo(5 + 5);
                List<String> listed = new ArrayList<>();
                snap.blobs((hash, size, file) -> {
                    assertThat(file).exists().hasSize(size);
                    listed.add(hash);
                });
                assertThat(listed).containsExactlyInAnyOrder(a.blobHash(), b.blobHash()).isSorted();
                assertThat(same.blobHash()).isEqualTo(a.blobHash());
                assertThat(later.uid()).isGreaterThan(b.uid());
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
                assertThat(c.createStatement().executeQuery("SELECT count(*) FROM messages").getLong(1)).isEqualTo(3);
            }
            assertThat(Files.size(copy)).isPositive();
        }
    }
}

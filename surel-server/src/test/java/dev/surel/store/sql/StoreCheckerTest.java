package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.store.Appended;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreSettings;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker finds each kind of damage; the collector really removes files. SQLite-specific (pokes at rows and files). */
class StoreCheckerTest {
    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SqlMailStore store;
    long account;
    long inbox;
    Appended a;

    @BeforeEach
    void setUp() {
        store = SqlMailStore.open(dir, StoreSettings.defaults().withGcInterval(Duration.ZERO), clock);
        account = TestAccounts.create(store, "alice", null, null);
        inbox = store.mailbox(account, "INBOX").id();
        a = store.append(account, inbox, NewMessage.of(new ByteArrayInputStream("hello\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertThat(store.check().problems()).isEmpty();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void mailboxNamesWithDotLevelsAreListedAndStayReachable() {
        long id = store.createMailbox(account, "Old/x", null).id();
        store.database().write(c -> Sql.update(c, "UPDATE mailboxes SET name = ? WHERE id = ?", "Old/../x", id));
        assertThat(store.check().problems()).singleElement().asString()
                .contains("(Old/../x)").contains("\"..\" as a hierarchy level").contains("RENAME");
        // made before names were checked: still found, and renamed to a safe name
        assertThat(store.mailbox(account, "Old/../x").id()).isEqualTo(id);
        store.renameMailbox(account, "Old/../x", "Old/x2");
        assertThat(store.check().problems()).isEmpty();
    }

    @Test
    void missingBlob() throws Exception {
        Files.delete(store.blobStore().path(a.blobHash()));
        assertThat(store.check().problems()).singleElement().asString().contains("file missing");
    }

    @Test
    void corruptBlob() throws Exception {
        Path p = store.blobStore().path(a.blobHash());
        Files.writeString(p, "jello\r\n");
        assertThat(store.check().problems()).singleElement().asString().contains("content hash");
    }

    @Test
    void wrongCounts() {
        TestAccounts.execute(store, "UPDATE mailboxes SET unseen_count = 5 WHERE id = ?", inbox);
        TestAccounts.execute(store, "UPDATE accounts SET used_messages = 7 WHERE id = ?", account);
        assertThat(store.check().problems()).hasSize(2).anyMatch(p -> p.contains("counts")).anyMatch(p -> p.contains("used"));
    }

    @Test
    void uidAtOrAboveUidnextAndModseqAboveAccount() {
        TestAccounts.execute(store, "UPDATE mailboxes SET uidnext = 1 WHERE id = ?", inbox);
        TestAccounts.execute(store, "UPDATE messages SET modseq = 999 WHERE mailbox_id = ?", inbox);
        List<String> problems = store.check().problems();
        assertThat(problems).anyMatch(p -> p.contains("not below uidnext")).anyMatch(p -> p.contains("above the mailbox's highest_modseq"));
    }

    @Test
    void collectorDeletesFilesAndStaleTempsOnly() throws Exception {
        Path blob = store.blobStore().path(a.blobHash());
        Path staleTemp = store.blobStore().root().resolve("tmp").resolve("stale.tmp");
        Path freshTemp = store.blobStore().root().resolve("tmp").resolve("fresh.tmp");
        Files.writeString(staleTemp, "x");
        Files.writeString(freshTemp, "x");
        Files.setLastModifiedTime(staleTemp, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(freshTemp, FileTime.from(clock.instant()));
        store.updateFlags(account, inbox, List.of(a.uid()), FlagOp.ADD, Flags.of(Flag.DELETED), -1);
        store.expunge(account, inbox, null);
        var r = store.gc();
        assertThat(r.tempFilesDeleted()).isEqualTo(1);
        assertThat(staleTemp).doesNotExist();
        assertThat(freshTemp).exists();
        assertThat(blob).exists();
        clock.advance(Duration.ofDays(31));
        store.gc();
        assertThat(blob).exists();
        clock.advance(Duration.ofMinutes(61));
        assertThat(store.gc().blobsDeleted()).isEqualTo(1);
        assertThat(blob).doesNotExist();
        assertThat(store.check().problems()).isEmpty();
    }

    @Test
    void collectorRemovesOldStrayBlobFilesWithoutRows() throws Exception {
        String strayHash = "ab".repeat(32);
        Path stray = store.blobStore().path(strayHash);
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "left by a crash between rename and commit");
        Path young = store.blobStore().path("cd".repeat(32));
        Files.createDirectories(young.getParent());
        Files.writeString(young, "an append in flight");
        Files.setLastModifiedTime(stray, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(young, FileTime.from(clock.instant()));
        Path live = store.blobStore().path(a.blobHash());
        Files.setLastModifiedTime(live, FileTime.from(clock.instant().minus(Duration.ofDays(2))));
        assertThat(store.gc().blobsDeleted()).isEqualTo(1);
        assertThat(stray).doesNotExist();
        assertThat(young).exists();
        assertThat(live).exists();
        assertThat(store.check().problems()).isEmpty();
    }

    @Test
    void deletingAnAccountsDataLetsTheRowGoAndFreesItsBlobs() {
        Path blob = store.blobStore().path(a.blobHash());
        store.database().write(c -> {
            store.deleteAccountData(new SqlTransaction(c), account);
            return Sql.update(c, "DELETE FROM accounts WHERE id = ?", account);
        });
        assertThat(store.listMailboxes(account)).isEmpty();
        assertThat(store.subscriptions(account)).isEmpty();
        clock.advance(Duration.ofHours(2));
        store.gc();
        assertThat(blob).exists();
        clock.advance(Duration.ofHours(2));
        assertThat(store.gc().blobsDeleted()).isEqualTo(1);
        assertThat(blob).doesNotExist();
        assertThat(store.check().problems()).isEmpty();
    }

    @Test
    void initializeAccountOnlyInsideTheStoresWriteTransaction() {
        assertThatThrownBy(() -> store.database().read(c -> {
            store.initializeAccount(new SqlTransaction(c), account);
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tooLargeMessageIsRefusedAndLeavesNoTemp() throws Exception {
        store.close();
        StoreSettings d = StoreSettings.defaults();
        store = SqlMailStore.open(dir, new StoreSettings(d.tombstoneHorizon(), d.blobGcGrace(), Duration.ZERO, 0, 0, 2, 10, 100, 0), clock);
        assertThatThrownBy(() -> store.append(account, inbox, NewMessage.of(new ByteArrayInputStream(new byte[11]))))
                .isInstanceOf(dev.surel.store.StoreException.BadMessage.class);
        try (var files = Files.list(store.blobStore().root().resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
        assertThat(store.mailbox(account, inbox).messages()).isEqualTo(1);
    }
}

package dev.surel.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.store.Appended;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreSettings;
import dev.surel.store.sql.SqlMailStore;
import dev.surel.store.sql.TestAccounts;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Backup} and {@link Restore} in one process on a real store: what a backup directory
 * holds (and with which permissions), that a restore gives back the same files, and that a
 * damaged store is never backed up: the backup fails naming the file and leaves nothing behind.
 * The CLI and the running server around them are {@code e2e.BackupRestoreTest}'s.
 */
class BackupTest {

    @TempDir Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static DataDirFiles files(Path data) {
        return new DataDirFiles(data, data.resolve("surel.db"), data.resolve("blobs"), data.resolve("tls"), data.resolve("dkim"));
    }

    private SqlMailStore open(Path data) {
        return SqlMailStore.open(data, StoreSettings.defaults().withGcInterval(Duration.ZERO), clock);
    }

    private static Appended append(SqlMailStore store, long account, String text) {
        long inbox = store.mailbox(account, "INBOX").id();
        return store.append(account, inbox, NewMessage.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** Every progress update, as "PHASE files/total". */
    private static final class Recorded implements BackupProgress {
        final List<String> updates = new ArrayList<>();

        @Override
        public synchronized void update(Phase phase, long files, long totalFiles, long bytes, long totalBytes) {
            updates.add(phase + " " + files + "/" + totalFiles + " " + bytes + "/" + totalBytes);
        }
    }

    @Test
    void aBackupRestoresToTheSameFiles() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backups/one");
        List<Appended> appended = new ArrayList<>();
        try (SqlMailStore store = open(data)) {
            long alice = TestAccounts.create(store, "alice", null, null);
            appended.add(append(store, alice, "Subject: one\r\n\r\nfirst\r\n"));
            appended.add(append(store, alice, "Subject: one\r\n\r\nfirst\r\n")); // the same content: one message file
            appended.add(append(store, alice, "Subject: two\r\n\r\nsecond\r\n"));
            Files.createDirectories(data.resolve("tls"));
            Files.writeString(data.resolve("tls/selfsigned.key"), "KEY");
            Files.writeString(data.resolve("tls/.hidden"), "not a TLS file name: not copied");
            Recorded progress = new Recorded();
            BackupReport r = Backup.run(store, files(data), backup, "Surel test", progress);

            assertThat(r.manifest().counts().messages()).isEqualTo(3);
            assertThat(r.manifest().counts().blobs()).isEqualTo(2);
            assertThat(r.manifest().files()).extracting(BackupManifest.FileEntry::path).containsExactly("tls/selfsigned.key");
            assertThat(progress.updates).first().asString().startsWith("DATABASE 0/1");
            assertThat(progress.updates).last().asString().startsWith("MESSAGE_FILES 2/2 ");
            assertThat(r.summary()).startsWith("3 messages, 0 queued, 1 accounts, 2 message files, ");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        for (String f : List.of("manifest", "surel.db", "tls/selfsigned.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve(f)))).as(f).isEqualTo("rw-------");
        }
        assertThat(backup.resolve("tls/.hidden")).doesNotExist();

        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        BackupReport back = Restore.run(backup, files(restored), BackupProgress.NONE);
        assertThat(back.manifest().counts().messages()).isEqualTo(3);
        for (Appended a : appended) {
            String h = a.blobHash();
            Path rel = Path.of(h.substring(0, 2), h.substring(2, 4), h);
            assertThat(Files.readAllBytes(restored.resolve("blobs").resolve(rel)))
                    .isEqualTo(Files.readAllBytes(data.resolve("blobs").resolve(rel)));
        }
        assertThat(Files.readString(restored.resolve("tls/selfsigned.key"))).isEqualTo("KEY");
        assertThat(restored.resolve("surel.db.restoring")).doesNotExist();
        try (SqlMailStore store = open(restored)) {
            assertThat(store.check().ok()).as(store.check().problems().toString()).isTrue();
            assertThat(store.check().messages()).isEqualTo(3);
        }
    }

    @Test
    void theDkimKeysAndTheirStatesAreBackedUpAndRestoredOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backups/dkim");
        Files.createDirectories(data);
        dev.surel.mailauth.DkimKeys keys = dev.surel.mailauth.DkimKeys.open(data.resolve("dkim"), clock);
        keys.generate("example.org", "ed1", dev.surel.protocol.dkim.DkimAlgorithm.ED25519_SHA256, dev.surel.mailauth.DkimKeyState.ACTIVE);
        keys.generate("example.org", "rsa1", dev.surel.protocol.dkim.DkimAlgorithm.RSA_SHA256, dev.surel.mailauth.DkimKeyState.PENDING);
        keys.generate("other.test", "s", dev.surel.protocol.dkim.DkimAlgorithm.ED25519_SHA256, dev.surel.mailauth.DkimKeyState.ACTIVE);
        try (SqlMailStore store = open(data)) {
            BackupReport r = Backup.run(store, files(data), backup, "Surel test", BackupProgress.NONE);
            assertThat(r.manifest().files()).extracting(BackupManifest.FileEntry::path).containsExactly(
                    "dkim/example.org/ed1.pem", "dkim/example.org/keys", "dkim/example.org/rsa1.pem",
                    "dkim/other.test/keys", "dkim/other.test/s.pem");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("dkim/example.org/ed1.pem"))))
                .isEqualTo("rw-------");
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Restore.run(backup, files(restored), BackupProgress.NONE);
        for (String f : List.of("example.org/ed1.pem", "example.org/rsa1.pem", "example.org/keys", "other.test/s.pem")) {
            Path p = restored.resolve("dkim").resolve(f);
            assertThat(Files.readAllBytes(p)).as(f).isEqualTo(Files.readAllBytes(data.resolve("dkim").resolve(f)));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(f).isEqualTo("rw-------");
        }
        assertThat(dev.surel.mailauth.DkimKeys.open(restored.resolve("dkim"), clock).list(null))
                .extracting(dev.surel.mailauth.DkimKey::toString)
                .containsExactlyElementsOf(keys.list(null).stream().map(Object::toString).toList());
    }

    @Test
    void aBackupOfANewerSchemaIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("b");
        try (SqlMailStore store = open(data)) {
            TestAccounts.create(store, "alice", null, null);
            Backup.run(store, files(data), backup, "Surel test", BackupProgress.NONE);
        }
        String manifest = Files.readString(backup.resolve("manifest"));
        Files.writeString(backup.resolve("manifest"), manifest.replaceFirst("\nschema-version \\d+\n", "\nschema-version 999\n"));
        Path target = Files.createDirectories(dir.resolve("target"));
        assertThatThrownBy(() -> Restore.run(backup, files(target), BackupProgress.NONE))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("holds a store of schema version 999, newer than this Surel's")
                .hasMessageContaining("made by Surel test")
                .extracting(e -> ((BackupException) e).exitCode()).isEqualTo(BackupException.DATAERR);
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void aDamagedStoreIsNotBackedUpAndNothingIsLeft() throws Exception {
        Path data = dir.resolve("data");
        try (SqlMailStore store = open(data)) {
            long alice = TestAccounts.create(store, "alice", null, null);
            Appended changed = append(store, alice, "Subject: changed\r\n\r\nbody\r\n");
            Appended gone = append(store, alice, "Subject: gone\r\n\r\nbody\r\n");

            byte[] original = Files.readAllBytes(store.blobStore().path(changed.blobHash()));
            Files.writeString(store.blobStore().path(changed.blobHash()), "other bytes\r\n");
            Path b1 = dir.resolve("b1");
            assertThatThrownBy(() -> Backup.run(store, files(data), b1, "Surel test", BackupProgress.NONE))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("the store is damaged: message file " + store.blobStore().path(changed.blobHash())
                            + " has the content hash ")
                    .hasMessageContaining("run `surel check`")
                    .extracting(e -> ((BackupException) e).exitCode()).isEqualTo(BackupException.DATAERR);
            assertThat(b1).as("a failed backup removes the directory it made").doesNotExist();

            Files.write(store.blobStore().path(changed.blobHash()), original);
            Files.delete(store.blobStore().path(gone.blobHash()));
            Path b2 = Files.createDirectories(dir.resolve("b2"));
            assertThatThrownBy(() -> Backup.run(store, files(data), b2, "Surel test", BackupProgress.NONE))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("is missing");
            assertThat(b2).as("an empty directory it was given stays, empty").isEmptyDirectory();
        }
    }

    @Test
    void aStoppedProgressStopsTheBackupAndRemovesIt() throws Exception {
        Path data = dir.resolve("data");
        try (SqlMailStore store = open(data)) {
            long alice = TestAccounts.create(store, "alice", null, null);
            for (int i = 0; i < 20; i++) append(store, alice, "Subject: " + i + "\r\n\r\nbody " + i + "\r\n");
            Path b = dir.resolve("b");
            BackupProgress clientGone = (phase, files, total, bytes, totalBytes) -> {
                if (phase == BackupProgress.Phase.MESSAGE_FILES && files == 5) throw new IllegalStateException("standard error is gone: stopped");
            };
            assertThatThrownBy(() -> Backup.run(store, files(data), b, "Surel test", clientGone))
                    .isInstanceOf(BackupException.class)
                    .hasMessage("backup to " + b + " failed: standard error is gone: stopped");
            assertThat(b).doesNotExist();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("data");
            }
        }
    }
}

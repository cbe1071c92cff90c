package dev.surel.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "must show" for files: {@code surel import --maildir} brings a Dovecot-layout
 * Maildir in with folders (Maildir++ hierarchy, a modified UTF-7 name), flags (keywords through
 * dovecot-keywords, "P" as $Forwarded), internal dates and octets; a second run copies nothing;
 * {@code surel export --maildir} and {@code --mbox} written and imported into other users give
 * the same mail again, message by message. All through the CLI in child JVMs, no server running.
 */
class ImportExportRoundTripTest {

    @TempDir Path dir;

    static final List<TestMaildir.Spec> SPECS = List.of(
            new TestMaildir.Spec("INBOX", "INBOX", 40),
            new TestMaildir.Spec("Sent Messages", "Sent Messages", 15),
            new TestMaildir.Spec("Archive", "Archive", 10),
            new TestMaildir.Spec("Archive.2024", "Archive/2024", 12),
            new TestMaildir.Spec("Projects.Surel.Design", "Projects/Surel/Design", 8),
            new TestMaildir.Spec("Entwürfe", "Entwürfe", 6));

    static SurelCli.Result ok(SurelCli.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /** A store with the domain example.test and {@code users}, made in this JVM (the CLI's user add is tested elsewhere). */
    static Path store(Path dir, String... users) throws Exception {
        Path cfg = SurelCli.config(dir, "");
        var config = dev.surel.config.ConfigLoader.load(cfg);
        dev.surel.server.DataDirectory.prepare(config.dataDir());
        try (var lock = dev.surel.admin.DataDirLock.tryAcquire(config.dataDir()).orElseThrow();
             var services = dev.surel.server.Services.openForCli(config)) {
            services.directory().addDomain("example.test");
            for (String u : users) services.directory().addUser(u, "a long passphrase".toCharArray());
        }
        return cfg;
    }

    /** The messages of an account, without the empty default folders' absence mattering. */
    static List<Expected> mail(Path cfg, String user) throws Exception {
        return Expected.sorted(StoreSnapshot.read(cfg, user));
    }

    /** The same messages as {@code expected} (same folder, octets, flags, internal date), compared one by one. */
    static void assertSameMail(List<Expected> actual, List<Expected> expected) {
        List<Expected> a = Expected.sorted(actual);
        List<Expected> e = Expected.sorted(expected);
        assertThat(StoreSnapshot.counts(a)).isEqualTo(StoreSnapshot.counts(e));
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.get(i)).as("message %d of %d", i, e.size()).isEqualTo(e.get(i));
        }
    }

    static Map<String, Long> withoutEmpty(Map<String, Long> m) {
        Map<String, Long> out = new TreeMap<>(m);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Test
    void maildirImportKeepsEverythingAndExportsToMaildirAndMboxRoundTrip() throws Exception {
        Path cfg = store(dir, "alice@example.test", "bob@example.test", "carol@example.test");
        String c = cfg.toString();
        Path maildir = dir.resolve("Maildir");
        List<Expected> expected = TestMaildir.write(maildir, SPECS, 13, true);

        SurelCli.Result first = ok(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--maildir", maildir.toString()));
        assertThat(first.out()).contains("imported 91 message(s)").contains("0 already there").contains("0 refused");
        List<Expected> alice = mail(cfg, "alice@example.test");
        assertSameMail(alice, expected);

        // resumable: a second run finds everything there and copies nothing
        SurelCli.Result again = ok(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--maildir", maildir.toString()));
        assertThat(again.out()).contains("imported 0 message(s)").contains("91 already there");
        assertSameMail(mail(cfg, "alice@example.test"), expected);

        // export as a Maildir, import into bob: the same mail
        Path outMaildir = dir.resolve("export-maildir");
        SurelCli.Result exp = ok(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--maildir", outMaildir.toString()));
        assertThat(exp.out()).contains("exported 91 message(s)");
        assertThat(outMaildir.resolve(".Archive.2024/cur")).isDirectory();
        assertThat(outMaildir.resolve(".Entw&APw-rfe/cur")).isDirectory();
        ok(SurelCli.run(null, "--config", c, "import", "bob@example.test", "--maildir", outMaildir.toString()));
        assertSameMail(mail(cfg, "bob@example.test"), alice);

        // export as mbox files, import the directory into carol: the same mail
        Path outMbox = dir.resolve("export-mbox");
        ok(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--mbox", outMbox.toString()));
        assertThat(outMbox.resolve("INBOX.mbox")).isRegularFile();
        assertThat(outMbox.resolve("Archive/2024.mbox")).isRegularFile();
        assertThat(Files.readString(outMbox.resolve("INBOX.mbox"))).contains("\n>From the start").contains("\n>>From a quoted line");
        ok(SurelCli.run(null, "--config", c, "import", "carol@example.test", "--mbox", outMbox.toString()));
        assertSameMail(mail(cfg, "carol@example.test"), alice);
    }

    /** A Maildir copied without its file times (cp without -p): --date-from-name takes the date from the delivery timestamp. */
    @Test
    void maildirDatesFromFileNamesWhenTheFileTimesWereLost() throws Exception {
        Path cfg = store(dir, "alice@example.test", "bob@example.test");
        String c = cfg.toString();
        Path maildir = dir.resolve("Maildir");
        List<Expected> expected = TestMaildir.write(maildir, SPECS.subList(0, 2), 17, false);
        java.nio.file.attribute.FileTime copied = java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-01-02T03:04:05Z"));
        try (var files = Files.walk(maildir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.setLastModifiedTime(f, copied);
        }

        ok(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--maildir", maildir.toString(), "--date-from-name"));
        assertSameMail(mail(cfg, "alice@example.test"), expected);

        ok(SurelCli.run(null, "--config", c, "import", "bob@example.test", "--maildir", maildir.toString()));
        assertThat(mail(cfg, "bob@example.test")).hasSize(expected.size())
                .allSatisfy(m -> assertThat(m.epochSecond()).isEqualTo(copied.toInstant().getEpochSecond()));
    }
}

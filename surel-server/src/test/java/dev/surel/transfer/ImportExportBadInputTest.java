package dev.surel.transfer;

import static dev.surel.transfer.ImportExportRoundTripTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: bad input to {@code surel import} and {@code surel export} gets a clear message on
 * standard error and a sysexits(3) exit code, never a stack trace: a missing or unrecognised
 * source, an unreadable file, a bad URL, a server that cannot be reached, an unknown user, an
 * export directory that is in use or cannot be made. (A wrong IMAP password needs a real server:
 * {@link DovecotImapImportTest}.) The CLI runs in child JVMs, no server running.
 */
class ImportExportBadInputTest {

    @TempDir Path dir;

    /** The exit code and the message; nothing that looks like a Java exception on either stream. */
    static SurelCli.Result fails(SurelCli.Result r, int exit, String... messages) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as(r.toString()).contains(messages).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    /** Before anything was read there is nothing to go on with. */
    static SurelCli.Result failsAtOnce(SurelCli.Result r, int exit, String... messages) {
        fails(r, exit, messages);
        assertThat(r.err()).as(r.toString()).doesNotContain("run the same command again");
        return r;
    }

    @Test
    void missingOrUnrecognisedSourcesAreNamedWithSysexitsCodes() throws Exception {
        String c = ImportExportRoundTripTest.store(dir, "alice@example.test").toString();

        // EX_NOINPUT (66): what was named is not there
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--maildir", dir.resolve("nope").toString()),
                66, "no such directory", dir.resolve("nope").toString());
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--mbox", dir.resolve("nope.mbox").toString()),
                66, "no such file", dir.resolve("nope.mbox").toString());

        // EX_DATAERR (65): it is there but is not what it was said to be
        Path empty = Files.createDirectory(dir.resolve("empty"));
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--maildir", empty.toString()),
                65, "is not a Maildir");
        Path notMbox = dir.resolve("notes.txt");
        Files.writeString(notMbox, "shopping list\nmilk\n");
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--mbox", notMbox.toString()),
                65, "is not an mbox file");

        // EX_NOUSER (67), import and export
        Path mbox = dir.resolve("one.mbox");
        TestMbox.write(mbox, "INBOX", 3, 1);
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "nobody@example.test", "--mbox", mbox.toString()),
                67, "no such user: nobody@example.test");
        failsAtOnce(SurelCli.run(null, "--config", c, "export", "nobody@example.test", "--mbox", dir.resolve("out").toString()),
                67, "no such user: nobody@example.test");
        assertThat(dir.resolve("out")).doesNotExist();

        // EX_USAGE (64): two sources
        fails(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--mbox", mbox.toString(),
                "--maildir", empty.toString()), 64, "mutually exclusive");
    }

    @Test
    void unreadableFilesAreNamedAndTheRestOfAMaildirStillComesIn() throws Exception {
        String c = ImportExportRoundTripTest.store(dir, "alice@example.test", "bob@example.test").toString();

        Path mbox = dir.resolve("locked.mbox");
        TestMbox.write(mbox, "INBOX", 3, 2);
        Files.setPosixFilePermissions(mbox, PosixFilePermissions.fromString("---------"));
        failsAtOnce(SurelCli.runWithoutReadOverride("--config", c, "import", "alice@example.test", "--mbox", mbox.toString()),
                66, "cannot read " + mbox, "permission denied");

        // one message file of a Maildir cannot be read: named and skipped, the others imported, EX_DATAERR
        Path maildir = dir.resolve("Maildir");
        List<Expected> expected = TestMaildir.write(maildir, List.of(new TestMaildir.Spec("INBOX", "INBOX", 5)), 3, false);
        assertThat(expected).hasSize(5);
        Path locked;
        try (var files = Files.list(maildir.resolve("cur"))) {
            locked = files.sorted().findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        SurelCli.Result r = fails(SurelCli.runWithoutReadOverride("--config", c, "import", "bob@example.test",
                "--maildir", maildir.toString()), 65, locked.toString(), "permission denied");
        assertThat(r.out()).contains("imported 4 message(s)").contains("1 refused");
        assertThat(StoreSnapshot.read(Path.of(c), "bob@example.test")).hasSize(4);
    }

    @Test
    void badUrlsAndUnreachableServersAreTold() throws Exception {
        String c = ImportExportRoundTripTest.store(dir, "alice@example.test").toString();
        Path pw = dir.resolve("password");
        Files.writeString(pw, "secret\n", StandardCharsets.UTF_8);
        String p = pw.toString();

        // EX_USAGE (64): not an IMAP URL, no login, a bad port, no password file given
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "https://alice@mail.example.org",
                "--password-file", p), 64, "--imap wants imaps://LOGIN@HOST");
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "imaps://mail.example.org",
                "--password-file", p), 64, "needs the login");
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "imaps://alice@mail.example.org:99999",
                "--password-file", p), 64, "bad port");
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "imaps://alice@mail.example.org"),
                64, "--imap needs --password-file");
        // EX_NOINPUT (66): the password file is not there
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "imaps://alice@127.0.0.1:993",
                "--password-file", dir.resolve("nope").toString()), 66, "no such file", dir.resolve("nope").toString());

        // EX_NOHOST (68): a name that never resolves (RFC 6761 §6.4)
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "imaps://alice@no-such-host.invalid",
                "--password-file", p), 68, "unknown host no-such-host.invalid");
        // EX_UNAVAILABLE (69): nothing listens on the port
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        failsAtOnce(SurelCli.run(null, "--config", c, "import", "alice@example.test", "--imap", "imaps://alice@127.0.0.1:" + port,
                "--password-file", p), 69, "cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void anExportDirectoryInUseOrThatCannotBeMadeIsRefused() throws Exception {
        String c = ImportExportRoundTripTest.store(dir, "alice@example.test").toString();
        Path used = Files.createDirectory(dir.resolve("used"));
        Files.writeString(used.resolve("keep.txt"), "someone's file\n");
        // EX_CANTCREAT (73): never mixed into other files
        failsAtOnce(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--maildir", used.toString()),
                73, used + " is not empty");
        assertThat(used).isDirectoryContaining(f -> f.getFileName().toString().equals("keep.txt"));
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        failsAtOnce(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--mbox", file.resolve("sub").toString()),
                73, "cannot create " + file.resolve("sub"));
        failsAtOnce(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--mbox", file.toString()),
                73, file + " exists and is not a directory");
        ok(SurelCli.run(null, "--config", c, "export", "alice@example.test", "--mbox", dir.resolve("fresh").toString()));
    }
}

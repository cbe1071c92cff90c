package dev.surel.transfer;

import static dev.surel.transfer.ImportExportRoundTripTest.assertSameMail;
import static dev.surel.transfer.ImportExportRoundTripTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "must show" for IMAP: 10,000 messages in a Dovecot (Debian's dovecot-imapd, run
 * by the test) are imported over IMAPS with {@code surel import --imap} and compared one by one
 * with what was put into Dovecot: folder (hierarchy, a modified UTF-7 name, special-use folders
 * into Surel's own), octets, flags with keywords, internal date. A second run copies nothing; a
 * run stopped part way (at the quota) goes on where it stopped. Certificates are checked by
 * default; {@code --ca} trusts a private CA; STARTTLS works; a wrong password is refused (77).
 */
class DovecotImapImportTest {

    @TempDir Path dir;

    static final List<TestMaildir.Spec> TEN_THOUSAND = List.of(
            new TestMaildir.Spec("INBOX", "INBOX", 4000),
            new TestMaildir.Spec("Sent Messages", "Sent", 2000),     // \Sent in Dovecot: into Surel's Sent
            new TestMaildir.Spec("Archive", "Archive", 1000),
            new TestMaildir.Spec("Archive.2024", "Archive/2024", 1200),
            new TestMaildir.Spec("Projects.Surel.Design", "Projects/Surel/Design", 800),
            new TestMaildir.Spec("Entwürfe", "Drafts", 300),          // \Drafts in Dovecot: into Surel's Drafts
            new TestMaildir.Spec("Lists.java-dev", "Lists/java-dev", 700));

    @Test
    void tenThousandMessagesFromDovecotOverImapsComparedOneByOne() throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory("surel-import-10k-"); // deleted in parallel below, not by JUnit's one-by-one walk
        try (DovecotPeer dovecot = DovecotPeer.prepare()) {
            List<Expected> expected = TestMaildir.write(dovecot.maildir, TEN_THOUSAND, 2026, false);
            assertThat(expected).hasSize(10_000);
            long t1 = System.nanoTime();
            dovecot.start();
            long t2 = System.nanoTime();
            Path cfg = ImportExportRoundTripTest.store(dir, "alice@example.test");
            System.out.printf("generated 10,000 messages in %d ms, Dovecot started in %d ms, Surel store made in %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            Path pw = dir.resolve("password");
            Files.writeString(pw, DovecotPeer.PASSWORD + "\n");
            String url = "imaps://" + DovecotPeer.USER + "@127.0.0.1:" + dovecot.imapsPort;

            SurelCli.Result r = SurelCli.run(null, "--config", cfg.toString(), "import", "alice@example.test",
                    "--imap", url, "--password-file", pw.toString(), "--insecure");
            assertThat(r.exit()).as(r + dovecot.logs()).isZero();
            assertThat(r.out()).contains("imported 10,000 message(s)").contains("0 already there").contains("0 refused");
            System.out.println("import of 10,000 messages from Dovecot over IMAPS: " + r.took().toMillis() + " ms; " + r.out().strip());

            long t3 = System.nanoTime();
            Map<String, String> uses = new HashMap<>();
            assertSameMail(StoreSnapshot.read(cfg, "alice@example.test", uses), expected);
            System.out.printf("compared 10,000 messages one by one in %d ms%n", (System.nanoTime() - t3) / 1_000_000);
            assertThat(uses).containsEntry("Sent", "\\Sent").containsEntry("Drafts", "\\Drafts").containsEntry("Archive", "\\Archive");

            SurelCli.Result again = ok(SurelCli.run(null, "--config", cfg.toString(), "import", "alice@example.test",
                    "--imap", url, "--password-file", pw.toString(), "--insecure"));
            assertThat(again.out()).contains("imported 0 message(s)").contains("10,000 already there");
            System.out.println("second run (nothing to copy): " + again.took().toMillis() + " ms");
        } finally {
            DovecotPeer.deleteTree(dir);
            System.out.printf("whole test: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void certificatesAreCheckedByDefaultAndStartTlsWorks() throws Exception {
        try (DovecotPeer dovecot = DovecotPeer.prepare()) {
            List<Expected> expected = TestMaildir.write(dovecot.maildir, List.of(
                    new TestMaildir.Spec("INBOX", "INBOX", 20), new TestMaildir.Spec("Archive.2024", "Archive/2024", 10)), 7, false);
            dovecot.start();
            Path cfg = ImportExportRoundTripTest.store(dir, "alice@example.test", "bob@example.test");
            Path pw = dir.resolve("password");
            Files.writeString(pw, DovecotPeer.PASSWORD + "\n");
            String c = cfg.toString();

            // a self-signed certificate is refused without --ca / --insecure, before any login
            SurelCli.Result refused = SurelCli.run(null, "--config", c, "import", "alice@example.test",
                    "--imap", "imaps://" + DovecotPeer.USER + "@localhost:" + dovecot.imapsPort, "--password-file", pw.toString());
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(74);
            assertThat(refused.err()).contains("TLS with localhost failed").contains("--ca");
            assertThat(dovecot.logs()).doesNotContain("Login: user=<" + DovecotPeer.USER);

            // its CA (the certificate itself) given with --ca: trusted, name checked
            ok(SurelCli.run(null, "--config", c, "import", "alice@example.test",
                    "--imap", "imaps://" + DovecotPeer.USER + "@localhost:" + dovecot.imapsPort, "--password-file", pw.toString(),
                    "--ca", dovecot.certificate.toString()));
            assertSameMail(StoreSnapshot.read(cfg, "alice@example.test"), expected);

            // the name must match the certificate: 127.0.0.1 is not "localhost"
            SurelCli.Result wrongName = SurelCli.run(null, "--config", c, "import", "bob@example.test",
                    "--imap", "imaps://" + DovecotPeer.USER + "@127.0.0.1:" + dovecot.imapsPort, "--password-file", pw.toString(),
                    "--ca", dovecot.certificate.toString());
            assertThat(wrongName.exit()).as(wrongName.toString()).isEqualTo(74);

            // imap:// is STARTTLS on the plain port (Dovecot: ssl = required, so no login before it)
            ok(SurelCli.run(null, "--config", c, "import", "bob@example.test",
                    "--imap", "imap://" + DovecotPeer.USER + "@localhost:" + dovecot.imapPort, "--password-file", pw.toString(),
                    "--ca", dovecot.certificate.toString()));
            assertSameMail(StoreSnapshot.read(cfg, "bob@example.test"), expected);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndAStoppedImportGoesOnWithOnlyWhatIsMissing() throws Exception {
        try (DovecotPeer dovecot = DovecotPeer.prepare()) {
            List<Expected> expected = TestMaildir.write(dovecot.maildir, List.of(
                    new TestMaildir.Spec("INBOX", "INBOX", 20), new TestMaildir.Spec("Archive.2024", "Archive/2024", 10)), 11, false);
            dovecot.start();
            Path cfg = ImportExportRoundTripTest.store(dir, "alice@example.test");
            String c = cfg.toString();
            String url = "imaps://" + DovecotPeer.USER + "@127.0.0.1:" + dovecot.imapsPort;

            // EX_NOPERM (77): the server's answer quoted, no stack trace, nothing imported
            Path wrong = dir.resolve("wrong");
            Files.writeString(wrong, "not the password\n");
            SurelCli.Result refused = SurelCli.run(null, "--config", c, "import", "alice@example.test",
                    "--imap", url, "--password-file", wrong.toString(), "--insecure");
            ImportExportBadInputTest.failsAtOnce(refused, 77, "login as " + DovecotPeer.USER + " at 127.0.0.1 refused", "NO");
            assertThat(StoreSnapshot.read(cfg, "alice@example.test")).isEmpty();

            // the first run stops at the quota (12 messages) with what fit stored
            Path pw = dir.resolve("password");
            Files.writeString(pw, DovecotPeer.PASSWORD + "\n");
            ok(SurelCli.run(null, "--config", c, "user", "quota", "alice@example.test", "--messages", "12"));
            SurelCli.Result first = SurelCli.run(null, "--config", c, "import", "alice@example.test",
                    "--imap", url, "--password-file", pw.toString(), "--insecure", "--batch", "5");
            assertThat(first.exit()).as(first.toString()).isEqualTo(75);
            assertThat(first.out()).contains("imported 12 message(s)");
            assertThat(first.err()).contains("stopped: over quota").contains("run the same command again");
            assertThat(StoreSnapshot.read(cfg, "alice@example.test")).hasSize(12);

            // the second run copies only the 18 missing ones: afterwards every message is there once
            ok(SurelCli.run(null, "--config", c, "user", "quota", "alice@example.test", "--messages", "0"));
            SurelCli.Result second = ok(SurelCli.run(null, "--config", c, "import", "alice@example.test",
                    "--imap", url, "--password-file", pw.toString(), "--insecure", "--batch", "5"));
            assertThat(second.out()).contains("imported 18 message(s)").contains("12 already there").contains("0 refused");
            assertSameMail(StoreSnapshot.read(cfg, "alice@example.test"), expected);
        }
    }
}

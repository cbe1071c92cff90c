package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.maildrop.Pop3Rows;
import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real POP3 clients run as processes against an in-process server: Python poplib (USER/PASS
 * and STLS), curl, fetchmail (--keep and not, --mda, its own --idfile, rc file mode 0600,
 * sslproto "" for plain) and getmail6. Mail is put in the store; what each client downloads,
 * keeps, hides or deletes is checked in the store (which IMAP reads). A missing client is a
 * failure naming the Debian package.
 */
class Pop3InteropTest {
    @TempDir Path dir;

    @RegisterExtension
    final TestServer f = Pop3Client.server().perTest();
    Path work;

    @BeforeEach
    void start() throws Exception {
        work = Files.createDirectories(dir.resolve("work"));
    }

    record Run(int exit, String out) { }

    static void require(String command, String pkg) {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, command))) return;
        }
        throw new AssertionError(command + " is missing: apt-get install -y " + pkg);
    }

    Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile());
        pb.environment().putAll(env);
        Path log = Files.createTempFile(work, "out", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    static final String POPLIB = """
            import poplib, ssl, sys, json
            host, port, user, pw, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
            p = poplib.POP3(host, port, timeout=20)
            out = {"capa": sorted(p.capa().keys())}
            if mode == "stls":
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                p.stls(ctx)
                out["capa_tls"] = sorted(p.capa().keys())
            p.user(user); p.pass_(pw)
            out["stat"] = list(p.stat())
            out["list"] = [x.decode() for x in p.list()[1]]
            out["uidl"] = [x.decode() for x in p.uidl()[1]]
            out["retr"] = [x.decode() for x in p.retr(1)[1]]
            out["top"] = [x.decode() for x in p.top(len(out["list"]), 0)[1]]
            p.dele(1)
            p.quit()
            print(json.dumps(out))
            """;

    @Test
    void pythonPoplibDownloadsAndDeletes() throws Exception {
        require("python3", "python3");
        long u1 = f.deliver(f.alice(), "Subject: one\n\n.leading dot\nbody\n");
        long u2 = f.deliver(f.alice(), "Subject: two\nX: y\n\nsecond\n");
        Path script = Files.writeString(work.resolve("pop.py"), POPLIB);
        for (String mode : List.of("plain", "stls")) {
            Run r = run(Map.of(), "python3", script.toString(), "127.0.0.1", Integer.toString(f.address(Endpoint.POP3).getPort()),
                    "alice@example.test", Pop3Client.PASSWORD, mode);
            assertThat(r.exit()).as(r.out()).isZero();
            if (mode.equals("plain")) {
                assertThat(r.out()).contains("\"STLS\"", "\"SASL\"", "\"UIDL\"", "\"TOP\"", "\"PIPELINING\"")
                        .contains("\"retr\": [\"Subject: one\", \"\", \".leading dot\", \"body\"]")
                        .contains("\"top\": [\"Subject: two\", \"X: y\", \"\"]");
                assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u2);
            } else {
                assertThat(r.out()).contains("\"capa_tls\"").contains("\"retr\": [\"Subject: two\", \"X: y\", \"\", \"second\"]")
                        .contains("\"top\": [\"Subject: two\", \"X: y\", \"\"]");
                assertThat(f.uids(f.alice(), "INBOX")).isEmpty();
            }
        }
        assertThat(u1).isLessThan(u2);
    }

    @Test
    void curlListsAndRetrieves() throws Exception {
        require("curl", "curl");
        f.deliver(f.alice(), "Subject: one\n\nfirst\n");
        long u2 = f.deliver(f.alice(), "Subject: two\n\nsecond\n");
        String url = "pop3://127.0.0.1:" + f.address(Endpoint.POP3).getPort() + "/";
        Run list = run(Map.of(), "curl", "-sS", "--max-time", "30", "-u", "alice@example.test:" + Pop3Client.PASSWORD, url);
        assertThat(list.exit()).as(list.out()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2).allMatch(l -> l.matches("\\d \\d+"));
        Run retr = run(Map.of(), "curl", "-sS", "--max-time", "30", "-u", "alice@example.test:" + Pop3Client.PASSWORD, url + "2");
        assertThat(retr.exit()).as(retr.out()).isZero();
        assertThat(retr.out()).isEqualTo("Subject: two\r\n\r\nsecond\r\n");
        Run uidl = run(Map.of(), "curl", "-sS", "--max-time", "30", "-u", "alice@example.test:" + Pop3Client.PASSWORD,
                "-X", "UIDL", url);
        long v = f.store().mailbox(f.alice(), "INBOX").uidValidity();
        assertThat(uidl.out()).contains("2 " + v + "." + u2);
        Run dele = run(Map.of(), "curl", "-sS", "--max-time", "30", "-u", "alice@example.test:" + Pop3Client.PASSWORD,
                "-X", "DELE", "-I", url + "1");
        assertThat(dele.exit()).as(dele.out()).isZero();
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u2);
        assertThat(f.seen(f.alice(), u2)).as("RETR marked it \\Seen").isTrue();
    }

    Path fetchmailRc(String user, boolean keep) throws IOException {
        return fetchmailRc(user, keep, true);
    }

    /** {@code uidl}: fetchmail's own UIDL bookkeeping option, with which it fetches kept mail by TOP instead of RETR. */
    Path fetchmailRc(String user, boolean keep, boolean uidl) throws IOException {
        Path mda = work.resolve("mda.sh");
        Files.writeString(mda, "#!/bin/sh\nset -e\nmkdir -p \"$1\"\ncat > \"$1/$(date +%s%N)-$$.eml\"\n");
        mda.toFile().setExecutable(true);
        Path rc = work.resolve("fetchmailrc-" + user.replace('@', '_'));
        Files.writeString(rc, "set no bouncemail\n"
                + "poll 127.0.0.1 service " + f.address(Endpoint.POP3).getPort() + " protocol POP3" + (uidl ? " uidl" : "") + " auth password\n"
                + "  user \"" + user + "\" there with password \"" + Pop3Client.PASSWORD + "\" is \"root\" here\n"
                + "  sslproto \"\"\n"
                + (keep ? "  keep\n" : "  nokeep\n"));
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        return rc;
    }

    Run fetchmail(String user, boolean keep, Path out) throws Exception {
        return fetchmail(user, keep, true, out);
    }

    Run fetchmail(String user, boolean keep, boolean uidl, Path out) throws Exception {
        require("fetchmail", "fetchmail");
        Path rc = fetchmailRc(user, keep, uidl);
        List<String> cmd = new ArrayList<>(List.of("fetchmail", "--nodetach", "--nosyslog", "-f", rc.toString(),
                "--idfile", work.resolve("fetchids-" + user).toString(),
                "--mda", work.resolve("mda.sh") + " " + out));
        cmd.add(keep ? "--keep" : "--nokeep");
        return run(Map.of("FETCHMAILHOME", work.toString(), "HOME", work.toString()), cmd.toArray(String[]::new));
    }

    static long files(Path d) throws IOException {
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void fetchmailKeepThenDelete() throws Exception {
        long u1 = f.deliver(f.alice(), "Subject: one\n\nfirst\n");
        long u2 = f.deliver(f.alice(), "Subject: two\n\n.dotted\n");
        Path out = work.resolve("fm-out");
        Run r = fetchmail("alice@example.test", true, out);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(files(out)).isEqualTo(2);
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u1, u2);
        // with its `uidl` option, fetchmail --keep downloads with TOP n 99999999 (so the server does not mark \Seen): a
        // TOP that sent the whole message still counts as its first download, for keep:N (docs/pop3.md)
        assertThat(f.seen(f.alice(), u1)).as("TOP sets no \\Seen").isFalse();
        assertThat(new Pop3Rows(f.services().database()).firstDownload(f.mailbox(f.alice(), "INBOX"), u1)).isEqualTo(f.clock().millis());
        // its own idfile remembers the UIDLs: nothing new the second time (exit 1 = no mail)
        Run again = fetchmail("alice@example.test", true, out);
        assertThat(again.exit()).as(again.out()).isEqualTo(1);
        assertThat(files(out)).isEqualTo(2);
        long u3 = f.deliver(f.alice(), "Subject: three\n\nthird\n");
        Run third = fetchmail("alice@example.test", false, out);
        assertThat(third.exit()).as(third.out()).isZero();
        assertThat(files(out)).as("only the new message is fetched").isEqualTo(3);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).anyMatch(m -> m.contains("\n.dotted") && !m.contains("..dotted"));
        }
        assertThat(f.uids(f.alice(), "INBOX")).as("nokeep deletes what it fetched; old ones stay").doesNotContain(u3);
    }

    @Test
    void fetchmailKeepWithoutItsUidlOptionFetchesWithRetr() throws Exception {
        long u1 = f.deliver(f.alice(), "Subject: one\n\nfirst\n");
        Path out = work.resolve("fm-retr");
        Run r = fetchmail("alice@example.test", true, false, out);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(files(out)).isEqualTo(1);
        assertThat(f.uids(f.alice(), "INBOX")).containsExactly(u1);
        // Debian's fetchmail 6.4 keeps mail but still fetches it with RETR (fetchmail -v: CAPA, ..., RETR 1, QUIT):
        // RETR sets \Seen, and the first download counts for keep:N (docs/pop3.md)
        assertThat(f.seen(f.alice(), u1)).as("kept, fetched with RETR, so \\Seen").isTrue();
        assertThat(new Pop3Rows(f.services().database()).firstDownload(f.mailbox(f.alice(), "INBOX"), u1)).isEqualTo(f.clock().millis());
    }

    @Test
    void fetchmailUnderHidePolicyLeavesMailForImap() throws Exception {
        f.services().admin().pop3Policy(false, "alice@example.test", "hide");
        long u1 = f.deliver(f.alice(), "Subject: one\n\nfirst\n");
        Path out = work.resolve("fm-hide");
        Run r = fetchmail("alice@example.test", false, out);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(files(out)).isEqualTo(1);
        assertThat(f.uids(f.alice(), "INBOX")).as("hidden, not deleted").containsExactly(u1);
        Run again = fetchmail("alice@example.test", false, work.resolve("fm-hide-2"));
        assertThat(again.exit()).as("hidden from POP3: no mail").isEqualTo(1);
    }

    @Test
    void getmailDownloadsOnceThenDeletes() throws Exception {
        require("getmail", "getmail6");
        long u1 = f.deliver(f.alice(), "Subject: one\n\nfirst\n");
        f.deliver(f.alice(), "Subject: two\n\nsecond\n");
        Path maildir = Files.createDirectories(work.resolve("got"));
        Path gdir = Files.createDirectories(work.resolve("getmail"));
        for (boolean delete : new boolean[] {false, false, true}) {
            // MDA_external: getmail refuses Maildir delivery as root (CI runs as root)
            Files.writeString(gdir.resolve("getmailrc"), "[retriever]\ntype = SimplePOP3Retriever\nserver = 127.0.0.1\n"
                    + "port = " + f.address(Endpoint.POP3).getPort() + "\nusername = alice@example.test\npassword = " + Pop3Client.PASSWORD + "\n"
                    + "[destination]\ntype = MDA_external\npath = /bin/sh\nallow_root_commands = true\n"
                    + "arguments = (\"-c\", \"cat > " + maildir + "/$(date +%s%N).eml\")\n"
                    + "[options]\nread_all = false\ndelete = " + delete + "\nverbose = 1\n");
            Run r = run(Map.of("HOME", work.toString()), "getmail", "--getmaildir", gdir.toString(), "--rcfile", "getmailrc");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(files(maildir)).as("each message once").isEqualTo(2);
            if (!delete) assertThat(f.uids(f.alice(), "INBOX")).hasSize(2).contains(u1);
        }
        assertThat(f.uids(f.alice(), "INBOX")).as("delete = true removes the already-seen messages").isEmpty();
    }
}

package dev.surel.transfer;

import static org.assertj.core.api.Assertions.fail;

import dev.surel.tls.TestCerts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Dovecot (dovecot-imapd) as the IMAP server an import reads from: started by the test
 * from a configuration of its own in a temp directory (nothing under /etc/dovecot is read), on
 * loopback ports, IMAP with STARTTLS and IMAPS with a self-signed certificate for "localhost",
 * one user whose Maildir the test fills before the start. Mail is owned by "nobody" (Dovecot
 * never serves mail as root). A missing Dovecot fails the test with the install line.
 */
final class DovecotPeer implements AutoCloseable {

    static final String USER = "alice@example.test";
    static final String PASSWORD = "dovecot secret";

    final Path base;
    final Path maildir;
    final Path certificate;
    private Process process;
    int imapPort;
    int imapsPort;

    private DovecotPeer(Path base, Path maildir, Path certificate) {
        this.base = base;
        this.maildir = maildir;
        this.certificate = certificate;
    }

    /** Prepares the directories (the Maildir is {@link #maildir}, empty); {@link #start} runs Dovecot. */
    static DovecotPeer prepare() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/dovecot"))) {
            fail("Dovecot is not installed: apt-get install -y dovecot-imapd (./run-tests installs it as root)");
        }
        Path base = Files.createTempDirectory("surel-dovecot-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = base.resolve("home/example.test/alice");
        Path maildir = home.resolve("Maildir");
        Files.createDirectories(maildir);
        TestCerts.Written cert = TestCerts.write(base, "dovecot", "localhost", TestCerts.KeyForm.PKCS8_RSA);
        return new DovecotPeer(base, maildir, cert.cert());
    }

    /** Hands the mail to "nobody", writes the configuration and starts Dovecot; returns once IMAPS answers. */
    DovecotPeer start() throws Exception {
        chownTree(base.resolve("home"));
        for (Path p = base.resolve("home/example.test"); !p.equals(base); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        imapPort = freePort();
        imapsPort = freePort();
        Files.writeString(base.resolve("passwd"), USER + ":{PLAIN}" + PASSWORD + "::::::\n");
        Files.writeString(base.resolve("dovecot.conf"), """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                listen = 127.0.0.1
                protocols = imap
                ssl = required
                ssl_cert = <%2$s
                ssl_key = <%3$s
                ssl_dh = </usr/share/dovecot/dh.pem
                disable_plaintext_auth = yes
                auth_mechanisms = plain login
                first_valid_uid = 1
                passdb {
                  driver = passwd-file
                  args = %1$s/passwd
                }
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home=%1$s/home/%%d/%%n
                }
                auth_username_format = %%Lu
                mail_location = maildir:~/Maildir
                namespace inbox {
                  inbox = yes
                  separator = .
                  mailbox "Sent Messages" {
                    special_use = \\Sent
                  }
                  mailbox "Entwürfe" {
                    special_use = \\Drafts
                  }
                  mailbox Archive {
                    special_use = \\Archive
                  }
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %4$d
                  }
                  inet_listener imaps {
                    address = 127.0.0.1
                    port = %5$d
                    ssl = yes
                  }
                }
                """.formatted(base, certificate, base.resolve("dovecot.key"), imapPort, imapsPort), StandardCharsets.UTF_8);
        process = new ProcessBuilder("/usr/sbin/dovecot", "-F", "-c", base.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            if (!process.isAlive()) fail("Dovecot exited " + process.exitValue() + ":\n" + logs());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", imapsPort), 1000);
                return this;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) fail("Dovecot did not listen in 30 s:\n" + logs());
                Thread.sleep(100);
            }
        }
    }

    String logs() {
        StringBuilder b = new StringBuilder();
        for (String f : new String[] {"stdout.log", "dovecot.log"}) {
            try {
                b.append("--- ").append(f).append('\n').append(Files.readString(base.resolve(f)));
            } catch (IOException e) {
                b.append("(no ").append(f).append(")\n");
            }
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void chownTree(Path root) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                v.setOwner(nobody);
                v.setGroup(nogroup);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        }
        deleteTree(base);
    }

    /** Deletes a directory tree, the files on virtual threads (deleting is slow here, and overlaps well). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(16);
            for (Path p : all) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                slots.acquireUninterruptibly();
                threads.submit(() -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // left for the directory pass to report
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        for (Path p : all.stream().sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
}

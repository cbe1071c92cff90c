package dev.surel.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Postfix run from a config directory of its own (TOOLCHAIN.md): one smtpd on
 * {@code address:port}, virtual Maildir mailboxes for {@code users@domain} under
 * {@code dir/mail}, back-offs of 1 s, its log in {@code dir/maillog}. Nothing else listens.
 * Unknown users are refused at RCPT (550 5.1.1).
 */
final class PostfixInstance implements AutoCloseable {

    final Path dir;
    final String address;
    final int port;
    final String domain;

    private PostfixInstance(Path dir, String address, int port, String domain) {
        this.dir = dir;
        this.address = address;
        this.port = port;
        this.domain = domain;
    }

    /** Starts Postfix; {@code extra} lines are appended to main.cf (e.g. relayhost). */
    static PostfixInstance start(Path parent, String address, int port, String domain, List<String> users,
                                 Map<String, String> extra) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/postfix"))) {
            throw new AssertionError("Postfix is not installed: apt-get install -y postfix");
        }
        Path dir = parent.resolve("postfix-" + address + "-" + port);
        Files.createDirectories(dir);
        for (Path p : List.of(parent, dir)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x")); // postfix's users must traverse it
        }
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        run(List.of("chown", "postfix", data.toString()));
        run(List.of("chown", "65534:65534", mail.toString()));
        StringBuilder vmailbox = new StringBuilder();
        for (String u : users) vmailbox.append(u).append('@').append(domain).append(' ').append(u).append("/\n");
        Files.writeString(dir.resolve("vmailbox"), vmailbox);
        StringBuilder main = new StringBuilder("""
                compatibility_level = 3.6
                queue_directory = %1$s
                data_directory = %2$s
                meta_directory = /etc/postfix
                inet_interfaces = loopback-only
                inet_protocols = ipv4
                myhostname = postfix.%3$s
                mydestination =
                mynetworks = 127.0.0.0/8
                maillog_file = %4$s/maillog
                maillog_file_prefixes = %4$s
                virtual_mailbox_domains = %3$s
                virtual_mailbox_base = %5$s
                virtual_mailbox_maps = texthash:%4$s/vmailbox
                virtual_uid_maps = static:65534
                virtual_gid_maps = static:65534
                queue_run_delay = 1s
                minimal_backoff_time = 1s
                maximal_backoff_time = 1s
                smtputf8_enable = yes
                smtpd_banner = $myhostname ESMTP
                smtp_dns_support_level = disabled
                """.formatted(spool, data, domain, dir, mail));
        extra.forEach((k, v) -> main.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(dir.resolve("main.cf"), main);
        List<String> master = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/etc/postfix/master.cf"))) {
            if (line.matches("^smtp\\s+inet\\s.*")) {
                master.add(address + ":" + port + " inet n - n - - smtpd");
            } else {
                master.add(line);
            }
        }
        Files.write(dir.resolve("master.cf"), master);
        PostfixInstance p = new PostfixInstance(dir, address, port, domain);
        String out = run(List.of("postfix", "-c", dir.toString(), "start"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!p.accepting()) {
            if (System.nanoTime() > deadline) {
                try {
                    p.close(); // a half-started master must not outlive the test
                } catch (Exception | AssertionError ignored) {
                    // reported below
                }
                throw new AssertionError("Postfix did not start on " + address + ":" + port + ": " + out + "\n" + p.log());
            }
            Thread.sleep(100);
        }
        return p;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The message files delivered to {@code user} (Maildir new/). */
    List<Path> mailbox(String user) throws IOException {
        Path n = dir.resolve("mail").resolve(user).resolve("new");
        if (!Files.isDirectory(n)) return List.of();
        try (Stream<Path> s = Files.list(n)) {
            return s.sorted().toList();
        }
    }

    /** Waits up to {@code timeout} for {@code count} messages in {@code user}'s mailbox. */
    List<Path> awaitMailbox(String user, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Path> m = mailbox(user);
            if (m.size() >= count) return m;
            if (System.nanoTime() > deadline) {
                throw new AssertionError(user + ": " + m.size() + " of " + count + " messages after " + timeout + "\n" + log());
            }
            Thread.sleep(100);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("maillog"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no maillog)";
        }
    }

    /** Asks Postfix to retry its deferred mail now. */
    void flush() throws Exception {
        run(List.of("postqueue", "-c", dir.toString(), "-f"));
    }

    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        if (p.exitValue() != 0) throw new AssertionError(command + " exited with " + p.exitValue() + ": " + out);
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of("postfix", "-c", dir.toString(), "stop"));
        } catch (AssertionError e) {
            run(List.of("postfix", "-c", dir.toString(), "abort"));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepting() && System.nanoTime() < deadline) Thread.sleep(100);
    }
}
